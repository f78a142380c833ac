import { acmeEvents } from './audit-fixtures';
import { acme, ada, ciKey, currentSession, grace, otherSessions, revokedKey } from './fixtures';
import type { Schemas } from './handlers/api';

/* Platform administration (issue 12): the users a platform admin sees, and one user's detail. */

export type AdminUserFixture = Schemas['AdminUser'];
export type AdminUserDetailFixture = Schemas['AdminUserDetail'];

/** A user created `day` days into 2025 at 09:00, last active `active` (or never). */
function adminUser(
  id: string,
  name: string | null,
  email: string,
  day: number,
  overrides: Partial<AdminUserFixture> = {},
): AdminUserFixture {
  const createdAt = new Date(Date.UTC(2025, 0, day, 9)).toISOString();
  return {
    id,
    email,
    emailVerified: true,
    name,
    labels: [],
    platformRoles: [],
    ban: null,
    lastActiveAt: '2025-03-04T10:00:00.000Z',
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export const adaAdmin = adminUser(ada.id, ada.name, ada.email, 10, { platformRoles: ['admin'] });
export const graceUser = adminUser(grace.id, grace.name, grace.email, 32, {
  labels: ['beta', 'vip'],
});
export const alanUser = adminUser('usr_alan', 'Alan Turing', 'alan@example.com', 33, {
  platformRoles: ['support'],
});
export const barbaraUser = adminUser('usr_barbara', 'Barbara Liskov', 'barbara@example.com', 40, {
  labels: ['beta'],
  lastActiveAt: null,
});
export const mallory = adminUser('usr_mallory', null, 'mallory@spam.example', 45, {
  ban: { since: '2025-03-01T12:00:00.000Z', reason: 'Spam', expiresAt: null },
});
export const trudy = adminUser('usr_trudy', 'Trudy', 'trudy@example.net', 50, {
  ban: {
    since: '2025-03-02T12:00:00.000Z',
    reason: 'Chargebacks',
    expiresAt: '2025-04-02T12:00:00.000Z',
  },
});
export const edsgerUser = adminUser('usr_edsger', 'Edsger Dijkstra', 'edsger@example.com', 55);
export const joanUser = adminUser('usr_joan', 'Joan Clarke', 'joan@example.org', 60, {
  labels: ['vip'],
});

/** Every user, newest first (the API's default sort). */
export const adminUsers: AdminUserFixture[] = [
  joanUser,
  edsgerUser,
  trudy,
  mallory,
  barbaraUser,
  alanUser,
  graceUser,
  adaAdmin,
];

/** Grace's detail: a member of Acme, two sessions, two keys, TOTP and a passkey, her events. */
export function adminDetail(user: AdminUserFixture): AdminUserDetailFixture {
  const isGrace = user.id === grace.id;
  return {
    user,
    memberships: isGrace
      ? [
          {
            orgId: acme.id,
            slug: acme.slug,
            name: acme.name,
            roles: ['admin'],
            joinedAt: '2025-02-01T09:00:00.000Z',
          },
        ]
      : [],
    sessions: isGrace
      ? [
          { ...currentSession, id: 'ses_grace_1', userId: grace.id, current: false },
          { ...otherSessions[0]!, userId: grace.id },
        ]
      : [],
    keys: isGrace ? [ciKey, revokedKey] : [],
    mfa: {
      totp: isGrace,
      recoveryCodesRemaining: isGrace ? 8 : 0,
      passkeys: isGrace
        ? [
            {
              id: 'pk_grace',
              name: 'MacBook Touch ID',
              createdAt: '2025-02-03T09:00:00.000Z',
              lastUsedAt: '2025-03-04T09:00:00.000Z',
            },
          ]
        : [],
    },
    events: isGrace ? acmeEvents.slice(0, 3) : [],
  };
}
