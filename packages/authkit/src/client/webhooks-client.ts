/** The client's webhook namespace (DESIGN §3): `/orgs/{orgId}/webhooks` and `/admin/webhooks`. */
import type {
  AttemptView,
  DeliveryStatus,
  DeliveryView,
  WebhookInput,
  WebhookView,
} from '../domain/webhooks.js';

export type { WebhookInput } from '../domain/webhooks.js';
import type { Result } from './create-auth-client.js';
import { query } from './keys-client.js';
import type { Call, Page } from './tenancy-client.js';

export type Webhook = WebhookView;
export type WebhookWithSecret = Webhook & { secret: string };
export type WebhookDelivery = DeliveryView;
export type WebhookAttempt = AttemptView;
export type WebhookDeliveryDetail = WebhookDelivery & { attemptLog: WebhookAttempt[] };

export interface DeliveryListOptions extends Page {
  status?: DeliveryStatus;
}

export interface WebhookEndpointsClient {
  list(options?: Page): Promise<Result<{ webhooks: Webhook[]; nextCursor: string | null }>>;
  create(input: WebhookInput): Promise<Result<WebhookWithSecret>>;
  get(webhookId: string): Promise<Result<Webhook>>;
  update(webhookId: string, patch: Partial<WebhookInput>): Promise<Result<Webhook>>;
  delete(webhookId: string): Promise<Result<null>>;
  /** A new secret; the old one adds a second signature for `overlapSeconds` (default a day). */
  rotateSecret(
    webhookId: string,
    options?: { overlapSeconds?: number },
  ): Promise<Result<WebhookWithSecret>>;
  /** Queues a `webhook.test` ping for this endpoint alone. */
  test(webhookId: string): Promise<Result<WebhookDelivery>>;
  deliveries(
    webhookId: string,
    options?: DeliveryListOptions,
  ): Promise<Result<{ deliveries: WebhookDelivery[]; nextCursor: string | null }>>;
  delivery(webhookId: string, deliveryId: string): Promise<Result<WebhookDeliveryDetail>>;
  retry(webhookId: string, deliveryId: string): Promise<Result<WebhookDelivery>>;
  /** `failed` (default) re-queues dead deliveries in the range; `all` sends every event again. */
  replay(
    webhookId: string,
    range: { since: string; until?: string; mode?: 'failed' | 'all' },
  ): Promise<Result<{ queued: number }>>;
}

export interface WebhooksClient {
  org(orgId: string): WebhookEndpointsClient;
  /** Platform endpoints (`admin` platform role; `support` may read). */
  admin: WebhookEndpointsClient;
}

const seg = encodeURIComponent;

function endpoints(call: Call, base: string): WebhookEndpointsClient {
  const one = (id: string) => `${base}/${seg(id)}`;
  return {
    list: (options = {}) => call('GET', query(base, options)),
    create: (input) => call('POST', base, input),
    get: (id) => call('GET', one(id)),
    update: (id, patch) => call('PATCH', one(id), patch),
    delete: (id) => call('DELETE', one(id)),
    rotateSecret: (id, options = {}) => call('POST', `${one(id)}/rotate-secret`, options),
    test: (id) => call('POST', `${one(id)}/test`),
    deliveries: (id, options = {}) => call('GET', query(`${one(id)}/deliveries`, options)),
    delivery: (id, deliveryId) => call('GET', `${one(id)}/deliveries/${seg(deliveryId)}`),
    retry: (id, deliveryId) => call('POST', `${one(id)}/deliveries/${seg(deliveryId)}/retry`),
    replay: (id, range) => call('POST', `${one(id)}/replay`, range),
  };
}

export function webhooksClient(call: Call): WebhooksClient {
  return {
    org: (orgId) => endpoints(call, `/orgs/${seg(orgId)}/webhooks`),
    admin: endpoints(call, '/admin/webhooks'),
  };
}
