import { normalizeEmail } from '../domain/email.js';
import { isAuthkitError } from '../domain/errors.js';
import { changePlatformRoles } from '../services/platform-role-changes.js';
import type { Runtime } from './runtime.js';

/**
 * `CATALYST_ADMIN_EMAIL` + `CATALYST_ADMIN_PASSWORD`: on every start, the account exists and is a
 * platform admin. An existing account keeps its password; only the role is added.
 */
export async function seedPlatformAdmin(rt: Runtime): Promise<'created' | 'promoted' | null> {
  const { adminEmail, adminPassword } = rt.settings;
  if (!adminEmail || !adminPassword) return null;
  const email = normalizeEmail(adminEmail);
  let user = await rt.store.users.findByEmail(email);
  let outcome: 'created' | 'promoted' | null = null;
  if (!user) {
    try {
      user = await rt.auth.createUser(
        { email, password: adminPassword, name: 'Admin' },
        { type: 'system' },
      );
      outcome = 'created';
    } catch (error) {
      // Another instance starting at the same time created it first.
      if (!isAuthkitError(error) || error.code !== 'email_taken') throw error;
      user = await rt.store.users.findByEmail(email);
    }
  }
  if (!user || user.platformRoles.includes('admin')) return outcome;
  await changePlatformRoles(rt.store, rt.clock, user, [...user.platformRoles, 'admin'], {
    type: 'system',
  });
  await rt.sessions.forgetUser(user.id);
  return outcome ?? 'promoted';
}
