/** Org roles: the built-in ones, custom role names, and what a role creator may grant. */
import { AuthkitError } from './errors.js';
import { grants, KNOWN_PERMISSIONS, sortUnique } from './permissions.js';

export const BUILT_IN_ROLES = ['owner', 'admin', 'member'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

// Admin is "everything but": derived from the known list so a new permission reaches it by default.
// `sso:manage` too: an org's provider signs in everyone at its verified domains; and
// `directory:manage`, whose sync adds and removes members on the directory's word.
const OWNER_ONLY: ReadonlySet<string> = new Set([
  'org:delete',
  'org:transfer',
  'sso:manage',
  'directory:manage',
]);

export const BUILT_IN_ROLE_PERMISSIONS: Readonly<Record<BuiltInRole, readonly string[]>> = {
  owner: ['*'],
  admin: KNOWN_PERMISSIONS.filter((permission) => !OWNER_ONLY.has(permission)),
  member: ['org:read', 'members:read'],
};

export function isBuiltInRole(name: string): name is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(name);
}

/** 1–40 characters, lower case, starting with a letter. */
export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

/** Throws `invalid_request` for a malformed name or one that would shadow a built-in role. */
export function validateCustomRoleName(name: string, field = 'name'): string {
  if (!ROLE_NAME_PATTERN.test(name)) {
    throw new AuthkitError(
      'invalid_request',
      'A role name is 1–40 characters: lower-case letters, digits, _ and -, starting with a letter.',
      { field },
    );
  }
  if (isBuiltInRole(name)) {
    throw new AuthkitError('invalid_request', `"${name}" is a built-in role name.`, { field });
  }
  return name;
}

/**
 * The permissions held through `roles`, sorted and unique. Unknown role names are ignored: the
 * caller validates, and a role deleted since it was assigned must not break sign-in.
 */
export function permissionsOf(
  roles: readonly string[],
  customRoles: ReadonlyMap<string, readonly string[]>,
): string[] {
  const held: string[] = [];
  for (const role of roles) {
    // Built-ins first, so a stray custom entry can never redefine `owner`.
    const permissions = isBuiltInRole(role)
      ? BUILT_IN_ROLE_PERMISSIONS[role]
      : customRoles.get(role);
    if (permissions) held.push(...permissions);
  }
  return sortUnique(held);
}

export type GrantCheck = { ok: true } | { ok: false; missing: string[] };

/**
 * A custom role may only contain permissions its creator holds (no privilege escalation).
 * `missing` keeps the role's order, without duplicates.
 */
export function canGrantRole(
  creatorPermissions: readonly string[],
  rolePermissions: readonly string[],
): GrantCheck {
  const missing = [...new Set(rolePermissions)].filter(
    (permission) => !grants(creatorPermissions, permission),
  );
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}
