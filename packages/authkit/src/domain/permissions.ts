/**
 * Permission strings and the grant check. A permission is `resource:action`; `resource:*` and `*`
 * are wildcards. Apps may use their own resources, so any well-formed string is accepted.
 */
import { AuthkitError } from './errors.js';

/** `resource:action`, `resource:*` or `*`; lower case so comparisons can be exact. */
export const PERMISSION_PATTERN = /^(?:\*|[a-z][a-z0-9_-]*:(?:\*|[a-z][a-z0-9_-]*))$/;

/** The permissions the org routes check. `org:transfer` is separate so only owners hold it. */
export const KNOWN_PERMISSIONS = [
  'org:read',
  'org:update',
  'org:delete',
  'org:transfer',
  'members:read',
  'members:manage',
  'groups:manage',
  'roles:manage',
  'invitations:manage',
  'keys:manage',
  'webhooks:manage',
  'audit:read',
  'labels:manage',
  'entitlements:manage',
  'domains:manage',
  'workload:manage',
  'sso:manage',
  'directory:manage',
] as const;

export type KnownPermission = (typeof KNOWN_PERMISSIONS)[number];

export function isPermission(text: string): boolean {
  return PERMISSION_PATTERN.test(text);
}

/** Throws `invalid_request` naming the offending index (`permissions.2`). */
export function validatePermissions(list: readonly string[], field = 'permissions'): string[] {
  list.forEach((permission, index) => {
    if (!isPermission(permission)) {
      throw new AuthkitError(
        'invalid_request',
        'A permission must look like resource:action, resource:* or *.',
        { field: `${field}.${index}` },
      );
    }
  });
  return [...list];
}

/**
 * Whether `held` covers `wanted`. `wanted` may itself be a wildcard (when checking what a role
 * creator may grant): `members:*` is covered by `members:*` or `*`, never by `members:manage`.
 */
export function grants(held: readonly string[], wanted: string): boolean {
  // Fail closed: a malformed request is never granted, even if the same junk is "held".
  if (!isPermission(wanted)) return false;
  return held.some((permission) => {
    if (!isPermission(permission)) return false;
    if (permission === '*' || permission === wanted) return true;
    if (!permission.endsWith(':*')) return false;
    const resource = permission.slice(0, -1); // keeps the colon: `members:`
    return wanted.startsWith(resource);
  });
}

/** Sorted, de-duplicated copy; plain code-unit order so output does not depend on locale. */
export function sortUnique(list: Iterable<string>): string[] {
  return [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
