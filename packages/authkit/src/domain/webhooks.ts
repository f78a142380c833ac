/** Webhook endpoints and deliveries (DESIGN §3): the event catalogue, filters and retry schedule. */

/** Every event type an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.deleted',
  'org.created',
  'org.updated',
  'org.deleted',
  'membership.added',
  'membership.updated',
  'membership.removed',
  'key.issued',
  'key.revoked',
  'key.rotated',
  'auth.decision',
  'audit.event',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type of the ping `webhooks.test` sends; never produced by a change. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

const FAMILIES = new Set(WEBHOOK_EVENT_TYPES.map((t) => t.split('.')[0]!));
const TYPES = new Set<string>(WEBHOOK_EVENT_TYPES);

/** True for a known type, a known family wildcard (`org.*`) or `*`. */
export function isEventFilter(entry: string): boolean {
  if (entry === '*' || TYPES.has(entry)) return true;
  return entry.endsWith('.*') && FAMILIES.has(entry.slice(0, -2));
}

/** Whether an endpoint subscribed to `filters` receives `type` (same rule as the SQL fan-out). */
export function filterMatches(filters: readonly string[], type: string): boolean {
  const family = `${type.split('.')[0]}.*`;
  return filters.some((f) => f === '*' || f === type || f === family);
}

/**
 * Svix's schedule: the first attempt at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
 * 10 h. After the last one fails the delivery is dead-lettered.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** An endpoint failing for longer than this is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;

/** The longest `Retry-After` we honour; a receiver cannot park a delivery for longer. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

export type AttemptOutcome =
  { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'dead' } | { kind: 'gone' };

/**
 * What happens after attempt number `attempts` (1-based) answered `status` (null: no answer).
 * Retries follow `schedule` with ±10 % jitter; a 429/503 `Retry-After` is honoured when later.
 */
export function attemptOutcome(input: {
  attempts: number;
  status: number | null;
  retryAfterMs: number | null;
  now: Date;
  schedule?: readonly number[];
  random?: () => number;
}): AttemptOutcome {
  const { status, attempts, now } = input;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  const schedule = input.schedule ?? RETRY_SCHEDULE_MS;
  if (attempts >= schedule.length) return { kind: 'dead' };
  const base = schedule[attempts]!;
  const jitter = 0.9 + 0.2 * (input.random ?? Math.random)();
  let delay = Math.round(base * jitter);
  if ((status === 429 || status === 503) && input.retryAfterMs !== null) {
    delay = Math.max(delay, Math.min(input.retryAfterMs, MAX_RETRY_AFTER_MS));
  }
  return { kind: 'retry', at: new Date(now.getTime() + delay) };
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead';

/** An endpoint as the API shows it: never its secret. */
export interface WebhookView {
  id: string;
  orgId: string | null;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  /** `manual`, `gone` (the receiver answered 410) or `failing` (5 days of failures). */
  disabledReason: string | null;
  ordered: boolean;
  failingSince: string | null;
  /** While set and in the future, deliveries carry a second signature with the old secret. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  /** The `webhook-id` every attempt and replay of this event repeats. */
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface AttemptView {
  id: string;
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** The JSON body every delivery carries (Standard Webhooks' recommended shape). */
export function webhookPayload(event: {
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: event.data,
  });
}

/** What registering (or, partially, updating) an endpoint takes. */
export interface WebhookInput {
  /** http(s); private, loopback and link-local targets are refused unless allowed by config. */
  url: string;
  description?: string;
  /** Event types, families (`org.*`) or `*`. */
  events: string[];
  enabled?: boolean;
  /** Deliver one subject's events one at a time, in order. */
  ordered?: boolean;
}
