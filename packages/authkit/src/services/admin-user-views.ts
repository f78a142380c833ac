import type { AuditEventView } from '../domain/audit-chain.js';
import type { ApiKeyView } from '../domain/api-keys.js';
import { isBanned } from '../domain/ban.js';
import { AuthkitError } from '../domain/errors.js';
import type { Session } from '../domain/types.js';
import {
  ADMIN_USER_SORTS,
  type AdminUserCursor,
  type AdminUserSort,
  type UserMembershipRow,
} from '../ports/admin-store.js';
import type { UserRecord } from '../ports/store.js';

/** A user as platform administrators see them (never a password hash). */
export interface AdminUserView {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  labels: string[];
  platformRoles: string[];
  /** The ban in force, or null (an expired ban reads as null). */
  ban: { since: string; reason: string | null; expiresAt: string | null } | null;
  lastActiveAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AdminUserDetail {
  user: AdminUserView;
  memberships: Array<{
    orgId: string;
    slug: string;
    name: string;
    roles: string[];
    joinedAt: string;
  }>;
  sessions: Session[];
  keys: ApiKeyView[];
  mfa: {
    totp: boolean;
    recoveryCodesRemaining: number;
    passkeys: Array<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }>;
  };
  /** The newest events the user did or that were done to them. */
  events: AuditEventView[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function adminUserView(user: UserRecord, now: Date): AdminUserView {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    name: user.name,
    labels: user.labels,
    platformRoles: user.platformRoles,
    ban:
      user.bannedAt && isBanned(user, now)
        ? {
            since: user.bannedAt.toISOString(),
            reason: user.banReason,
            expiresAt: iso(user.banExpiresAt),
          }
        : null,
    lastActiveAt: iso(user.lastActiveAt),
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function membershipView(row: UserMembershipRow) {
  return { ...row, joinedAt: row.joinedAt.toISOString() };
}

const badCursor = () =>
  new AuthkitError('invalid_cursor', 'the cursor is not one this API issued', { field: 'cursor' });

/** Opaque to clients: base64url JSON of the sort, its value at the last row and that row's id. */
export function encodeUserCursor(sort: AdminUserSort, after: AdminUserCursor): string {
  const json = JSON.stringify([sort, after.value, after.id]);
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** A cursor is only good for the sort it was made under; anything else is `invalid_cursor`. */
export function decodeUserCursor(cursor: string, sort: AdminUserSort): AdminUserCursor {
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badCursor();
  const [s, value, id] = parsed as unknown[];
  if (s !== sort || !(ADMIN_USER_SORTS as readonly unknown[]).includes(s)) throw badCursor();
  if (typeof id !== 'string' || (value !== null && typeof value !== 'string')) throw badCursor();
  if (value !== null && sort.replace('-', '') !== 'email' && Number.isNaN(Date.parse(value)))
    throw badCursor();
  return { value, id };
}
