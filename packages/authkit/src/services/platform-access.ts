import { AuthkitError } from '../domain/errors.js';
import { platformCan, type PlatformAccess } from '../domain/platform-roles.js';
import type { StorePort, UserRecord } from '../ports/store.js';

/**
 * The actor of an `/admin/…` call, read fresh from the store (never from the token, so a demotion
 * takes effect on the next request). `admin` may write; `support` may only read.
 */
export async function requirePlatform(
  store: StorePort,
  actorId: string,
  access: PlatformAccess,
): Promise<UserRecord> {
  const actor = await store.users.findById(actorId);
  if (!actor || !actor.platformRoles.some((role) => platformCan(role, access))) {
    throw new AuthkitError(
      'forbidden',
      access === 'write' ? 'requires the platform admin role' : 'requires a platform role',
    );
  }
  return actor;
}
