import type { AttemptRecord, DeliveryRecord, WebhookRecord } from '../ports/webhook-store.js';

/** An endpoint as the API shows it: never its secret. */
export function webhookView(r: WebhookRecord) {
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
export type WebhookView = ReturnType<typeof webhookView>;

export function deliveryView(d: DeliveryRecord) {
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
export type DeliveryView = ReturnType<typeof deliveryView>;

export function attemptView(a: AttemptRecord) {
  return {
    id: a.id,
    attemptedAt: a.attemptedAt.toISOString(),
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    responseExcerpt: a.responseExcerpt,
    error: a.error,
  };
}
export type AttemptView = ReturnType<typeof attemptView>;
