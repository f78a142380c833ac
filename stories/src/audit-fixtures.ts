import { acme, ada, grace } from './fixtures';
import type { Schemas } from './handlers/api';

/* The audit log: Acme's events (newest first) and the platform's forward-auth decisions. */

export type AuditEventFixture = Schemas['AuditEvent'];

const context = {
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Firefox/128.0',
  requestId: 'req_01HQ7Z',
};

/** One of Acme's events by Ada, `n` minutes after 09:00 on 4 March 2025. */
function acmeEvent(
  seq: number,
  minute: number,
  action: string,
  target: AuditEventFixture['target'],
  data: Record<string, unknown>,
  overrides: Partial<AuditEventFixture> = {},
): AuditEventFixture {
  return {
    id: `evt_${seq}`,
    seq,
    occurredAt: `2025-03-04T09:${String(minute).padStart(2, '0')}:00.000Z`,
    action,
    actor: { type: 'user', id: ada.id },
    target,
    orgId: acme.id,
    context: { ...context, requestId: `req_${seq}` },
    data,
    schemaVersion: 2,
    ...overrides,
  };
}

/** Renamed, with a website added: a change recorded with its old and new values. */
export const orgRenamed = acmeEvent(
  110,
  40,
  'org.updated',
  { type: 'org', id: acme.id },
  {
    before: { name: 'Acme', website: null, plan: 'pro' },
    after: { name: 'Acme Inc', website: 'https://acme.example', plan: 'pro' },
  },
);

/** Grace made an admin: `{ from, to }`. */
export const graceRoles = acmeEvent(
  111,
  45,
  'membership.updated',
  { type: 'membership', id: grace.id },
  { roles: { from: ['member'], to: ['admin'] } },
);

/** Acme's log, newest first. */
export const acmeEvents: AuditEventFixture[] = [
  acmeEvent(112, 50, 'key.revoked', { type: 'key', id: 'key_ci' }, { reason: 'Rotated' }),
  graceRoles,
  orgRenamed,
  acmeEvent(
    109,
    30,
    'webhook.created',
    { type: 'webhook', id: 'wh_billing' },
    { url: 'https://billing.acme.example/hooks/catalyst', events: ['membership.*'] },
  ),
  acmeEvent(108, 20, 'key.issued', { type: 'key', id: 'key_ci' }, { scopes: ['reports:read'] }),
  acmeEvent(
    107,
    10,
    'membership.added',
    { type: 'membership', id: grace.id },
    { roles: ['member'] },
  ),
  acmeEvent(
    106,
    0,
    'org.created',
    { type: 'org', id: acme.id },
    { name: 'Acme', slug: 'acme' },
    {
      context: { ip: null, userAgent: null, requestId: null },
    },
  ),
];

/** What the live tail finds on its polls: Grace signs in, then issues a key. */
export const laterEvents: AuditEventFixture[] = [
  acmeEvent(
    113,
    55,
    'membership.updated',
    { type: 'membership', id: grace.id },
    { labelsDelta: { add: ['oncall'] } },
    { actor: { type: 'user', id: grace.id } },
  ),
  acmeEvent(
    114,
    58,
    'key.issued',
    { type: 'key', id: 'key_grace' },
    { scopes: [] },
    {
      actor: { type: 'user', id: grace.id },
    },
  ),
];

/** A forward-auth decision (no org: they are platform events), `n` minutes after 10:00. */
function decision(
  seq: number,
  minute: number,
  actor: AuditEventFixture['actor'],
  route: string,
  data: { status: number; method: string; host: string; path: string; cached: boolean },
): AuditEventFixture {
  return {
    id: `evt_${seq}`,
    seq,
    occurredAt: `2025-03-04T10:${String(minute).padStart(2, '0')}:00.000Z`,
    action: 'auth.decision',
    actor,
    target: { type: 'route', id: route },
    orgId: null,
    context: { ip: '198.51.100.23', userAgent: 'traefik/3.1', requestId: `req_${seq}` },
    data,
    schemaVersion: 1,
  };
}

export const allowedDecision = decision(205, 20, { type: 'user', id: ada.id }, 'reports', {
  status: 200,
  method: 'GET',
  host: 'app.acme.example',
  path: '/reports',
  cached: true,
});
export const deniedDecision = decision(204, 15, { type: 'user', id: grace.id }, 'billing', {
  status: 403,
  method: 'POST',
  host: 'app.acme.example',
  path: '/billing/seats',
  cached: false,
});
export const signInDecision = decision(203, 10, { type: 'anonymous', id: null }, 'admin', {
  status: 401,
  method: 'GET',
  host: 'app.acme.example',
  path: '/admin',
  cached: false,
});

/** The platform's log: decisions, and Acme's events. */
export const platformEvents: AuditEventFixture[] = [
  allowedDecision,
  deniedDecision,
  signInDecision,
  ...acmeEvents,
];
