import type { DeliveryStatus } from '../domain/webhooks.js';

/** Whose endpoints: an org id, or null for platform endpoints (`/admin/webhooks`). */
export type WebhookOwner = string | null;

export interface WebhookRecord {
  id: string;
  orgId: string | null;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  ordered: boolean;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewWebhook = Pick<
  WebhookRecord,
  'id' | 'url' | 'description' | 'events' | 'enabled' | 'ordered' | 'secretEncrypted' | 'createdBy'
>;

export interface WebhookPatch {
  url?: string;
  description?: string;
  events?: string[];
  enabled?: boolean;
  ordered?: boolean;
}

export interface DeliveryRecord {
  seq: number;
  id: string;
  webhookId: string;
  orgId: string | null;
  eventId: string;
  eventType: string;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface AttemptRecord {
  id: string;
  deliveryId: string;
  webhookId: string;
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** A claimed delivery with what sending it needs: the event and the endpoint's URL and secrets. */
export interface ClaimedDelivery extends DeliveryRecord {
  event: { type: string; occurredAt: Date; data: Record<string, unknown> };
  webhook: {
    url: string;
    secretEncrypted: string;
    previousSecretEncrypted: string | null;
    previousSecretExpiresAt: Date | null;
  };
}

/** How an attempt ended, as the worker decided it (see domain/webhooks attemptOutcome). */
export type FinishOutcome =
  { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'dead' } | { kind: 'gone' };

export interface WebhookRepository {
  create(owner: WebhookOwner, input: NewWebhook, at: Date): Promise<WebhookRecord>;
  get(owner: WebhookOwner, id: string): Promise<WebhookRecord | null>;
  list(owner: WebhookOwner, page: { after?: string; limit: number }): Promise<WebhookRecord[]>;
  count(owner: WebhookOwner): Promise<number>;
  /** Re-enabling clears the disabled reason and the failure clock. */
  update(
    owner: WebhookOwner,
    id: string,
    patch: WebhookPatch,
    at: Date,
  ): Promise<WebhookRecord | null>;
  rotateSecret(
    owner: WebhookOwner,
    id: string,
    secretEncrypted: string,
    previousExpiresAt: Date,
    at: Date,
  ): Promise<WebhookRecord | null>;
  delete(owner: WebhookOwner, id: string): Promise<boolean>;

  deliveries(
    owner: WebhookOwner,
    webhookId: string,
    page: { before?: number; limit: number; status?: DeliveryStatus },
  ): Promise<DeliveryRecord[]>;
  delivery(owner: WebhookOwner, webhookId: string, id: string): Promise<DeliveryRecord | null>;
  attempts(deliveryId: string): Promise<AttemptRecord[]>;
  /** Queues one delivery again now (a dead one restarts its retry schedule). */
  retry(
    owner: WebhookOwner,
    webhookId: string,
    id: string,
    at: Date,
  ): Promise<DeliveryRecord | null>;
  /**
   * `failed`: dead deliveries in the range go back to the queue; `all`: every event in the range
   * the endpoint subscribes to is delivered again (new deliveries, same `webhook-id`).
   */
  replay(
    owner: WebhookOwner,
    webhookId: string,
    range: { since: Date; until: Date; mode: 'failed' | 'all' },
    at: Date,
  ): Promise<number>;
  /** An event for one endpoint only (the test ping): written with its delivery, not fanned out. */
  enqueueFor(
    webhook: WebhookRecord,
    event: { type: string; data: Record<string, unknown> },
    at: Date,
  ): Promise<DeliveryRecord>;

  /** Claims due deliveries (and ones whose lease ran out) with FOR UPDATE SKIP LOCKED. */
  claim(workerId: string, limit: number, leaseUntil: Date, now: Date): Promise<ClaimedDelivery[]>;
  /**
   * Records a batch of attempts and their outcomes in one transaction; deliveries whose lease
   * passed to another worker are skipped. Resolves to the ids recorded.
   */
  finish(
    workerId: string,
    finished: ReadonlyArray<{
      delivery: ClaimedDelivery;
      attempt: Omit<AttemptRecord, 'id' | 'deliveryId' | 'webhookId'>;
      outcome: FinishOutcome;
    }>,
    options: { disableAfterFailingMs: number },
  ): Promise<Set<string>>;
  /** Puts this worker's claimed deliveries back in the queue (graceful shutdown). */
  release(workerId: string, now: Date): Promise<number>;
  /** Deletes outbox events older than `before` with nothing left to deliver. */
  pruneOutbox(before: Date): Promise<number>;
}
