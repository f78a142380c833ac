import { acme } from './fixtures';
import type { Schemas } from './handlers/api';

/* Webhooks (issue 10): Acme's endpoints and their deliveries; secrets are fixed so runs repeat. */

export type WebhookFixture = Schemas['Webhook'];
export type DeliveryFixture = Schemas['WebhookDelivery'];
export type DeliveryDetailFixture = Schemas['WebhookDeliveryDetail'];

const T = '2025-03-04T09:00:00.000Z';

export const billingHook: WebhookFixture = {
  id: 'wh_billing',
  orgId: acme.id,
  url: 'https://billing.acme.example/hooks/catalyst',
  description: 'Seat counts for invoicing',
  events: ['membership.*', 'org.updated'],
  enabled: true,
  disabledReason: null,
  ordered: false,
  failingSince: null,
  previousSecretExpiresAt: null,
  createdAt: '2025-02-01T10:00:00.000Z',
  updatedAt: '2025-02-01T10:00:00.000Z',
};

export const auditHook: WebhookFixture = {
  ...billingHook,
  id: 'wh_audit',
  url: 'https://siem.acme.example/ingest',
  description: '',
  events: ['*'],
  ordered: true,
};

/** Disabled after the receiver answered 410 Gone. */
export const goneHook: WebhookFixture = {
  ...billingHook,
  id: 'wh_gone',
  url: 'https://old.acme.example/hooks',
  description: 'The old CRM',
  events: ['user.*'],
  enabled: false,
  disabledReason: 'gone',
};

/** Disabled after five days of failures. */
export const failingHook: WebhookFixture = {
  ...billingHook,
  id: 'wh_failing',
  url: 'https://flaky.acme.example/hooks',
  description: 'Analytics',
  events: ['key.*', 'auth.decision'],
  enabled: false,
  disabledReason: 'failing',
  failingSince: '2025-02-26T07:15:00.000Z',
};

/** Still enabled, failing since this morning. */
export const flakyHook: WebhookFixture = {
  ...billingHook,
  id: 'wh_flaky',
  url: 'https://slow.acme.example/hooks',
  description: 'Data warehouse',
  events: ['org.*'],
  failingSince: '2025-03-04T06:00:00.000Z',
};

const delivery = (overrides: Partial<DeliveryFixture>): DeliveryFixture => ({
  id: 'dlv_1',
  webhookId: billingHook.id,
  eventId: 'evt_1',
  eventType: 'membership.added',
  status: 'delivered',
  attempts: 1,
  nextAttemptAt: null,
  lastStatus: 200,
  lastError: null,
  createdAt: T,
  deliveredAt: T,
  ...overrides,
});

/** Newest first, as the API lists them: pending, delivered, dead. */
export const deliveries: DeliveryFixture[] = [
  delivery({
    id: 'dlv_pending',
    eventId: 'evt_3',
    eventType: 'org.updated',
    status: 'pending',
    attempts: 1,
    nextAttemptAt: '2025-03-04T10:35:00.000Z',
    lastStatus: 503,
    lastError: null,
    createdAt: '2025-03-04T10:30:00.000Z',
    deliveredAt: null,
  }),
  delivery({ id: 'dlv_delivered', eventId: 'evt_2', createdAt: '2025-03-04T10:00:00.000Z' }),
  delivery({
    id: 'dlv_dead',
    eventId: 'evt_1',
    eventType: 'membership.removed',
    status: 'dead',
    attempts: 8,
    lastStatus: null,
    lastError: 'connect ECONNREFUSED',
    createdAt: '2025-03-01T08:00:00.000Z',
    deliveredAt: null,
  }),
];

/** Every attempt of a delivery: the dead one failed twice with 500, then could not connect. */
export function deliveryDetail(one: DeliveryFixture): DeliveryDetailFixture {
  const attempts: DeliveryDetailFixture['attemptLog'] =
    one.status === 'dead'
      ? [
          {
            id: 'att_1',
            attemptedAt: '2025-03-01T08:00:01.000Z',
            statusCode: 500,
            durationMs: 312,
            responseExcerpt: '<html><body>Internal Server Error</body></html>',
            error: null,
          },
          {
            id: 'att_2',
            attemptedAt: '2025-03-01T08:00:07.000Z',
            statusCode: 500,
            durationMs: 298,
            responseExcerpt: '{"error":"database is down"}',
            error: null,
          },
          {
            id: 'att_3',
            attemptedAt: '2025-03-01T08:05:10.000Z',
            statusCode: null,
            durationMs: 15_000,
            responseExcerpt: null,
            error: 'connect ECONNREFUSED',
          },
        ]
      : [
          {
            id: `att_${one.id}`,
            attemptedAt: one.createdAt,
            statusCode: one.lastStatus,
            durationMs: 84,
            responseExcerpt: one.lastStatus === 200 ? 'ok' : 'Service Unavailable',
            error: null,
          },
        ];
  return { ...one, attemptLog: attempts };
}

/** The secrets every new or rotated endpoint gets in the stories (shown once). */
export const webhookSecret = 'whsec_MfKQ9r4ocHn3mIqr2uJ8hT1bQ5nZ0yV7xWcA6dE2fG8=';
export const rotatedWebhookSecret = 'whsec_Zq1Pn8Xc4Vb7Tm2Rk5Lj9Hg3Fd6Sa0Qw1Ee4Rr7Tt0U=';
