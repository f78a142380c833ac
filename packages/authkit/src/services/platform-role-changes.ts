import { AuthkitError } from '../domain/errors.js';
import { isPlatformRole } from '../domain/platform-roles.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import { recordEvent } from './event-recorder.js';

/**
 * Replaces a user's platform roles (DESIGN §10: `admin`, `support`) and records who did it, in
 * one transaction. Operators (the CLI, seed scripts) are the `system` actor.
 */
export async function changePlatformRoles(
  store: StorePort,
  clock: Clock,
  user: UserRecord,
  roles: readonly string[],
  actor: { type: 'system' | 'user'; id?: string },
): Promise<UserRecord> {
  const unknown = roles.filter((role) => !isPlatformRole(role));
  if (unknown.length > 0) {
    throw new AuthkitError('invalid_request', `unknown platform role "${unknown[0]}"`, {
      field: 'roles',
    });
  }
  const next = [...new Set(roles)].sort();
  return store.transaction(async (tx) => {
    const updated = await tx.users.setPlatformRoles(user.id, next, clock.now());
    if (!updated) throw new AuthkitError('not_found', 'no such user', { field: 'userId' });
    await recordEvent(tx, clock, {
      action: 'user.platform_roles_changed',
      actorType: actor.type,
      actorId: actor.id ?? null,
      targetType: 'user',
      targetId: user.id,
      data: { from: user.platformRoles, to: next },
    });
    return updated;
  });
}
