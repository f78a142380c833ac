import { AuthkitError } from './errors.js';

interface BanFields {
  bannedAt: Date | null;
  banReason: string | null;
  banExpiresAt: Date | null;
}

/** Whether a ban holds at `now`: set, and either permanent or not yet expired. */
export function isBanned(user: BanFields, now: Date): boolean {
  return user.bannedAt !== null && (user.banExpiresAt === null || user.banExpiresAt > now);
}

/**
 * Every way into an account (password, link, code, passkey, impersonation) passes here before a
 * session or a pending step exists. The reason is the admin's note to the user; it is shown.
 */
export function assertNotBanned(user: BanFields, now: Date): void {
  if (!isBanned(user, now)) return;
  const until = user.banExpiresAt ? ` until ${user.banExpiresAt.toISOString()}` : '';
  const why = user.banReason ? `: ${user.banReason}` : '';
  throw new AuthkitError('user_banned', `this account is suspended${until}${why}`);
}
