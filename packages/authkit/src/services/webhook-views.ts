import type { AttemptView, DeliveryView, WebhookView } from '../domain/webhooks.js';
import type { AttemptRecord, DeliveryRecord, WebhookRecord } from '../ports/webhook-store.js';

export type { AttemptView, DeliveryView, WebhookView };

/** An endpoint as the API shows it: never its secret. */
export function webhookView(r: WebhookRecord): WebhookView {
  return {
    id: r.id,
    orgId: r.orgId,
    url: r.url,
    description: r.description,
    events: r.events,
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    ordered: r.ordered,
    failingSince: r.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: r.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function deliveryView(d: DeliveryRecord): DeliveryView {
  const waiting = d.status === 'pending';
  return {
    id: d.id,
    webhookId: d.webhookId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: waiting ? d.nextAttemptAt.toISOString() : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

export function attemptView(a: AttemptRecord): AttemptView {
  return {
    id: a.id,
    attemptedAt: a.attemptedAt.toISOString(),
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    responseExcerpt: a.responseExcerpt,
    error: a.error,
  };
}
