/** Platform roles live on the user and guard `/admin/…`; they are unrelated to org roles. */

export const PLATFORM_ROLES = ['admin', 'support'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type PlatformAccess = 'read' | 'write';

export function isPlatformRole(value: string): value is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(value);
}

/**
 * `admin` may do every `/admin` operation; `support` may only read. Takes the raw stored value so
 * an unknown or missing role fails closed instead of needing a cast at the call site.
 */
export function platformCan(role: string | null | undefined, access: PlatformAccess): boolean {
  if (role === 'admin') return true;
  if (role === 'support') return access === 'read';
  return false;
}
