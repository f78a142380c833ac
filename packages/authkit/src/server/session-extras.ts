import type { SessionRecord } from '../ports/store.js';
import type { Runtime } from './runtime.js';

/**
 * What `/session` adds to `{ user, session, org }`: the user's platform roles (read fresh, so the
 * admin UI hides writes from `support`) and, while impersonating, who the admin is.
 */
export async function sessionExtras(rt: Runtime, session: SessionRecord) {
  // Both cache-first, like the rest of `/session`: a signed-in page load costs no query.
  const [platformRoles, admin] = await Promise.all([
    rt.sessions.platformRoles(session.userId),
    session.impersonatorId ? rt.sessions.user(session.impersonatorId) : null,
  ]);
  return {
    platformRoles,
    impersonator: admin ? { id: admin.id, email: admin.email, name: admin.name } : null,
  };
}
