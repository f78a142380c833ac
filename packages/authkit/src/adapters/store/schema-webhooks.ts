import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { orgs, outboxEvents } from './schema.js';

// Webhooks (DESIGN §3): endpoints, the delivery queue the outbox fans out to, and each attempt.
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Webhook endpoints (DESIGN §3): per org, or platform-wide when `org_id` is null. The signing
 * secret is encrypted under the root secret; during a rotation the previous one signs too.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    // Event types or wildcards (`org.*`, `*`); matched by the outbox fan-out in SQL.
    events: jsonb('events').$type<string[]>().notNull().default([]),
    enabled: boolean('enabled').notNull().default(true),
    // Why delivery stopped: `manual`, `gone` (410) or `failing` (5 days of failures).
    disabledReason: text('disabled_reason'),
    // Deliver one event at a time per subject, in order, when the receiver asks for it.
    ordered: boolean('ordered').notNull().default(false),
    secretEncrypted: text('secret_encrypted').notNull(),
    previousSecretEncrypted: text('previous_secret_encrypted'),
    previousSecretExpiresAt: tz('previous_secret_expires_at'),
    failingSince: tz('failing_since'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhooks_org_idx').on(t.orgId, t.id)],
);

/** One row per (event, endpoint): the delivery queue workers claim with FOR UPDATE SKIP LOCKED. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull().unique(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    orgId: text('org_id'),
    // The outbox event; its id is the stable `webhook-id` every retry and replay repeats.
    eventId: text('event_id')
      .notNull()
      .references(() => outboxEvents.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    // Ordering key for ordered endpoints (the org, user or key the event is about).
    subject: text('subject').notNull().default(''),
    // pending → delivering → delivered | pending (retry) | dead
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    claimedBy: text('claimed_by'),
    claimedUntil: tz('claimed_until'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: tz('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status in ('pending', 'delivering')`),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.seq),
    index('webhook_deliveries_subject_idx')
      .on(t.webhookId, t.subject, t.seq)
      .where(sql`status in ('pending', 'delivering')`),
    index('webhook_deliveries_event_idx').on(t.eventId),
  ],
);

/** Every HTTP attempt of a delivery: status, duration and the start of the response. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    webhookId: text('webhook_id').notNull(),
    attemptedAt: tz('attempted_at').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);
