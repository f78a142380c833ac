import type { SessionRecord } from '../ports/store.js';
import type { Runtime } from './runtime.js';

/**
 * What `/session` adds to `{ user, session, org }`: the user's platform roles (read fresh, so the
 * admin UI hides writes from `support`) and, while impersonating, who the admin is.
 */
export async function sessionExtras(rt: Runtime, session: SessionRecord) {
  const [user, admin] = await Promise.all([
    rt.store.users.findById(session.userId),
    session.impersonatorId ? rt.store.users.findById(session.impersonatorId) : null,
  ]);
  return {
    platformRoles: user?.platformRoles ?? [],
    impersonator: admin ? { id: admin.id, email: admin.email, name: admin.name } : null,
  };
}
