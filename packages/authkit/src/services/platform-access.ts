import { AuthkitError } from '../domain/errors.js';
import { platformCan, type PlatformAccess } from '../domain/platform-roles.js';

/**
 * A user's platform roles as the session service reads them: from the record cache, which every
 * change of roles (API, CLI, seed) clears, as a ban clears sessions. [] for an unknown user.
 */
export type PlatformRolesOf = (userId: string) => Promise<readonly string[]>;

/**
 * The actor of an `/admin/…` call, never taken from the token, so a demotion takes effect on the
 * next request. `admin` may write; `support` may only read.
 */
export async function requirePlatform(
  rolesOf: PlatformRolesOf,
  actorId: string,
  access: PlatformAccess,
): Promise<void> {
  const roles = await rolesOf(actorId);
  if (!roles.some((role) => platformCan(role, access))) {
    throw new AuthkitError(
      'forbidden',
      access === 'write' ? 'requires the platform admin role' : 'requires a platform role',
    );
  }
}
