import { http, HttpResponse } from 'msw';
import {
  auditHook,
  billingHook,
  deliveries as allDeliveries,
  deliveryDetail,
  failingHook,
  flakyHook,
  goneHook,
  rotatedWebhookSecret,
  webhookSecret,
  type DeliveryFixture,
  type WebhookFixture,
} from '../webhook-fixtures';
import {
  hang,
  noContent,
  notAllowed,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
} from './api';

type List = ResponseBody<'/orgs/{orgId}/webhooks', 'get', 200>;
type Created = ResponseBody<'/orgs/{orgId}/webhooks', 'post', 201>;
type Rotated = ResponseBody<'/orgs/{orgId}/webhooks/{webhookId}/rotate-secret', 'post', 200>;
type Deliveries = ResponseBody<'/orgs/{orgId}/webhooks/{webhookId}/deliveries', 'get', 200>;
type Detail = ResponseBody<
  '/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}',
  'get',
  200
>;
type Queued = ResponseBody<'/orgs/{orgId}/webhooks/{webhookId}/test', 'post', 202>;
type Replayed = ResponseBody<'/orgs/{orgId}/webhooks/{webhookId}/replay', 'post', 202>;
type CreateBody = RequestBody<'/orgs/{orgId}/webhooks', 'post'>;
type PatchBody = RequestBody<'/orgs/{orgId}/webhooks/{webhookId}', 'patch'>;

const NOW = '2025-03-04T10:40:00.000Z';
const LIST = route('/orgs/{orgId}/webhooks');
const ITEM = route('/orgs/{orgId}/webhooks/{webhookId}');
const DELIVERIES = route('/orgs/{orgId}/webhooks/{webhookId}/deliveries');
const DETAIL = route('/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}');

/** What the server refuses as a target (private, loopback): the stories' stand-in for its check. */
const PRIVATE = /^https?:\/\/(10\.|127\.|192\.168\.|localhost)/;

/** An endpoint's deliveries, filtered by `?status=` as the server does. */
const listed = (items: DeliveryFixture[], url: string): Deliveries => {
  const status = new URL(url).searchParams.get('status');
  return { deliveries: items.filter((d) => !status || d.status === status), nextCursor: null };
};

/**
 * Deliveries with their attempts; retry re-queues one (pending), replay answers `queued` (the
 * dead ones in the range). Fresh state per call.
 */
function deliveryRoutes(initial: DeliveryFixture[] = allDeliveries) {
  let items = [...initial];
  return [
    http.get(DELIVERIES, ({ request }) => HttpResponse.json(listed(items, request.url))),
    http.get(DETAIL, ({ params }) => {
      const one = items.find((d) => d.id === params.deliveryId);
      if (!one) return problem(404, 'not_found', 'no such delivery', { field: 'deliveryId' });
      return HttpResponse.json(deliveryDetail(one) satisfies Detail);
    }),
    http.post(
      route('/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}/retry'),
      ({ params }) => {
        const one = items.find((d) => d.id === params.deliveryId);
        if (!one) return problem(404, 'not_found', 'no such delivery', { field: 'deliveryId' });
        const queued = { ...one, status: 'pending' as const, attempts: 0, nextAttemptAt: NOW };
        items = items.map((d) => (d === one ? queued : d));
        return HttpResponse.json(queued satisfies Queued, { status: 202 });
      },
    ),
    http.post(route('/orgs/{orgId}/webhooks/{webhookId}/replay'), () => {
      const dead = items.filter((d) => d.status === 'dead').length;
      return HttpResponse.json({ queued: dead + 2 } satisfies Replayed, { status: 202 });
    }),
  ];
}

/**
 * Acme's endpoints with state: list, register (a private URL is `webhook_target_forbidden` on
 * `url`; the secret is `webhookSecret`), edit, enable/disable, delete, rotate (the new secret is
 * `rotatedWebhookSecret`), test (a pending `webhook.test` delivery) and the deliveries.
 */
function editable(initial: WebhookFixture[]) {
  let hooks = [...initial];
  const pings: DeliveryFixture[] = [];
  const find = (id: unknown) => hooks.find((h) => h.id === id);
  return [
    http.get(LIST, () => HttpResponse.json({ webhooks: hooks, nextCursor: null } satisfies List)),
    http.post<never, CreateBody>(LIST, async ({ request }) => {
      const body = await request.json();
      if (PRIVATE.test(body.url)) {
        return problem(
          400,
          'webhook_target_forbidden',
          'the URL resolves to a private address; allow it with CATALYST_WEBHOOK_ALLOWED_NETWORKS',
          { field: 'url' },
        );
      }
      const created: Created = {
        ...billingHook,
        id: `wh_${hooks.length + 1}`,
        url: body.url,
        description: body.description ?? '',
        events: body.events,
        ordered: body.ordered ?? false,
        createdAt: NOW,
        updatedAt: NOW,
        secret: webhookSecret,
      };
      const { secret: _secret, ...hook } = created;
      hooks = [...hooks, hook];
      return HttpResponse.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
    }),
    http.patch<{ webhookId: string }, PatchBody>(ITEM, async ({ params, request }) => {
      const hook = find(params.webhookId);
      if (!hook) return problem(404, 'not_found', 'no such webhook', { field: 'webhookId' });
      const patch = await request.json();
      const updated: WebhookFixture = {
        ...hook,
        ...patch,
        ...(patch.enabled ? { disabledReason: null, failingSince: null } : {}),
        ...(patch.enabled === false ? { disabledReason: 'manual' } : {}),
        updatedAt: NOW,
      };
      hooks = hooks.map((h) => (h === hook ? updated : h));
      return HttpResponse.json(updated);
    }),
    http.delete(ITEM, ({ params }) => {
      hooks = hooks.filter((h) => h.id !== params.webhookId);
      return noContent();
    }),
    http.post(route('/orgs/{orgId}/webhooks/{webhookId}/rotate-secret'), ({ params }) => {
      const hook = find(params.webhookId);
      if (!hook) return problem(404, 'not_found', 'no such webhook', { field: 'webhookId' });
      const rotated = { ...hook, previousSecretExpiresAt: '2025-03-05T10:40:00.000Z' };
      hooks = hooks.map((h) => (h === hook ? rotated : h));
      return HttpResponse.json({ ...rotated, secret: rotatedWebhookSecret } satisfies Rotated, {
        headers: { 'cache-control': 'no-store' },
      });
    }),
    http.post(route('/orgs/{orgId}/webhooks/{webhookId}/test'), ({ params }) => {
      const ping: DeliveryFixture = {
        ...allDeliveries[1]!,
        id: `dlv_test_${pings.length + 1}`,
        webhookId: String(params.webhookId),
        eventType: 'webhook.test',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: NOW,
        lastStatus: null,
        createdAt: NOW,
        deliveredAt: null,
      };
      pings.unshift(ping);
      return HttpResponse.json(ping satisfies Queued, { status: 202 });
    }),
    // A ping is pending when first listed and delivered by the next poll (the worker's job).
    http.get<{ webhookId: string }>(DELIVERIES, ({ params, request }) => {
      const mine = pings.filter((p) => p.webhookId === params.webhookId);
      const answer = listed(mine, request.url);
      for (const [i, p] of pings.entries()) {
        if (p.status === 'pending' && mine.includes(p)) {
          pings[i] = { ...p, status: 'delivered', attempts: 1, lastStatus: 200, deliveredAt: NOW };
        }
      }
      return HttpResponse.json(answer);
    }),
    http.get(DETAIL, ({ params }) => {
      const one = pings.find((d) => d.id === params.deliveryId);
      if (!one) return problem(404, 'not_found', 'no such delivery', { field: 'deliveryId' });
      return HttpResponse.json(deliveryDetail(one) satisfies Detail);
    }),
  ];
}

/** `/orgs/{orgId}/webhooks…` for each state of the webhook components (Acme's endpoints). */
export const webhookHandlers = {
  /** Billing and Audit, every change sticks; no deliveries yet. */
  editable: () => editable([billingHook, auditHook]),
  /** No endpoints yet; registering one works. */
  empty: () => editable([]),
  /** Billing and Audit, with three deliveries each (pending, delivered, dead) and their attempts. */
  withDeliveries: () => [
    http.get(LIST, () =>
      HttpResponse.json({ webhooks: [billingHook, auditHook], nextCursor: null } satisfies List),
    ),
    ...deliveryRoutes(),
  ],
  /** Disabled endpoints (410 Gone, failing for days) and one failing but still enabled. */
  disabled: () => editable([goneHook, failingHook, flakyHook]),
  /** Deliveries that never answer, then none, then a failure (for `WebhookDeliveries`). */
  deliveriesLoading: [http.get(DELIVERIES, hang)],
  deliveriesEmpty: [
    http.get(DELIVERIES, () =>
      HttpResponse.json({ deliveries: [], nextCursor: null } satisfies Deliveries),
    ),
  ],
  deliveriesError: [http.get(DELIVERIES, unavailable)],
  /** Deliveries with a second page (the oldest, dead one). */
  deliveriesPaged: [
    http.get(DELIVERIES, ({ request }) =>
      HttpResponse.json(
        (new URL(request.url).searchParams.get('cursor') === '2'
          ? { deliveries: allDeliveries.slice(2), nextCursor: null }
          : { deliveries: allDeliveries.slice(0, 2), nextCursor: '2' }) satisfies Deliveries,
      ),
    ),
    ...deliveryRoutes().slice(1),
  ],
  loading: [http.get(LIST, hang)],
  error: [http.get(LIST, unavailable)],
  /** The server refuses: no `webhooks:manage` in the org. */
  forbidden: [http.get(LIST, () => notAllowed('webhooks:manage'))],
};
