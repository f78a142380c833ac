import type { Session, SessionPayload, User } from './handlers/api';

/** Fixed data, so every run (and every screenshot) renders the same thing. */
export const ada: User = {
  id: 'usr_ada',
  email: 'ada@example.com',
  emailVerified: true,
  name: 'Ada Lovelace',
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-01-10T09:00:00.000Z',
};

export const currentSession: Session = {
  id: 'ses_current',
  userId: ada.id,
  createdAt: '2025-03-01T08:00:00.000Z',
  lastSeenAt: '2025-03-04T10:30:00.000Z',
  expiresAt: '2025-04-01T08:00:00.000Z',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Firefox/128.0',
  device: 'Firefox on macOS',
  current: true,
};

export const otherSessions: Session[] = [
  {
    id: 'ses_phone',
    userId: ada.id,
    createdAt: '2025-02-20T18:00:00.000Z',
    lastSeenAt: '2025-03-03T21:15:00.000Z',
    expiresAt: '2025-03-22T18:00:00.000Z',
    ip: '198.51.100.23',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1',
    device: 'Safari on iPhone',
    current: false,
  },
  {
    id: 'ses_unknown',
    userId: ada.id,
    createdAt: '2025-02-01T12:00:00.000Z',
    lastSeenAt: '2025-02-02T12:00:00.000Z',
    expiresAt: '2025-03-03T12:00:00.000Z',
    ip: null,
    userAgent: null,
    device: null,
    current: false,
  },
];

export function sessionPayload(
  user: User = ada,
  session: Session = currentSession,
  org: SessionPayload['org'] = null,
) {
  return { user, session, org } satisfies SessionPayload;
}
