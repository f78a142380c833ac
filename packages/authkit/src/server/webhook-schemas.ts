/** OpenAPI schemas for webhook endpoints and deliveries (views in services/webhook-views.ts). */
import { z } from '@hono/zod-openapi';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhooks.js';
import { OrgIdParam } from './org-schemas.js';
import { text } from './schemas.js';
import { idParam } from './tenancy-schemas.js';

const Timestamp = z.string().openapi({ format: 'date-time' });
const isoTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .openapi({ example: '2026-01-01T00:00:00Z' });

export const WebhookSchema = z
  .object({
    id: z.string(),
    orgId: z.string().nullable(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .openapi({ description: '`manual`, `gone` (the receiver answered 410) or `failing`' }),
    ordered: z.boolean(),
    failingSince: Timestamp.nullable(),
    previousSecretExpiresAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Webhook');

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({ description: 'Shown once: `whsec_…`' }),
}).openapi('WebhookWithSecret');

export const DeliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string().openapi({ description: 'The `webhook-id` every attempt repeats' }),
    eventType: z.string(),
    status: z.enum(['pending', 'delivering', 'delivered', 'dead']),
    attempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: Timestamp,
    deliveredAt: Timestamp.nullable(),
  })
  .openapi('WebhookDelivery');

export const AttemptSchema = z
  .object({
    id: z.string(),
    attemptedAt: Timestamp,
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('WebhookAttempt');

export const DeliveryDetailSchema = DeliverySchema.extend({
  attemptLog: z.array(AttemptSchema),
}).openapi('WebhookDeliveryDetail');

const EventList = z
  .array(text(40, { min: 1 }))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 8)
  .openapi({
    example: ['org.*'],
    description: `Event types (${WEBHOOK_EVENT_TYPES.join(', ')}), a family (\`org.*\`) or \`*\``,
  });

export const CreateWebhookBody = z
  .object({
    url: text(2048, { min: 1 }).openapi({ example: 'https://hooks.example.com/catalyst' }),
    description: text(500).optional(),
    events: EventList,
    enabled: z.boolean().optional(),
    ordered: z
      .boolean()
      .optional()
      .openapi({ description: "Deliver one subject's events one at a time, in order" }),
  })
  .strict();

export const UpdateWebhookBody = CreateWebhookBody.partial().strict();

export const RotateSecretBody = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
  })
  .strict();

export const ReplayBody = z
  .object({
    since: isoTime,
    until: isoTime.optional(),
    mode: z
      .enum(['failed', 'all'])
      .optional()
      .openapi({ description: '`failed` (default): dead deliveries; `all`: every event again' }),
  })
  .strict();

export const WebhookListQuery = z.object({
  cursor: text(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const DeliveryListQuery = z.object({
  cursor: text(15)
    .regex(/^\d{1,15}$/, 'not a cursor this API returned')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  status: z.enum(['pending', 'delivering', 'delivered', 'dead']).optional(),
});

export const OrgWebhookParams = OrgIdParam.extend({ webhookId: idParam('webhookId') });
export const AdminWebhookParams = z.object({ webhookId: idParam('webhookId') });
export const OrgDeliveryParams = OrgWebhookParams.extend({ deliveryId: idParam('deliveryId') });
export const AdminDeliveryParams = AdminWebhookParams.extend({
  deliveryId: idParam('deliveryId'),
});
