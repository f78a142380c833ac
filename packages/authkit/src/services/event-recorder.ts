import type { Clock } from '../ports/clock.js';
import type { AuditEventInput, StorePort } from '../ports/store.js';
import type { OutboxEventInput } from '../ports/tenancy-store.js';
import type { RequestContext } from './request-context.js';

/** Audit actions that are also webhook events (DESIGN §3), written to the outbox with them. */
export const WEBHOOK_EVENT: Readonly<Record<string, string>> = {
  'user.created': 'user.created',
  'user.signed_up': 'user.created',
  'user.updated': 'user.updated',
  'user.email_verified': 'user.updated',
  'user.email_changed': 'user.updated',
  'user.platform_roles_changed': 'user.updated',
  'user.profile_updated': 'user.updated',
  'user.banned': 'user.updated',
  'user.unbanned': 'user.updated',
  'user.deleted': 'user.deleted',
  'org.created': 'org.created',
  'org.updated': 'org.updated',
  'org.plan_changed': 'org.updated',
  'org.deleted': 'org.deleted',
  'membership.added': 'membership.added',
  'membership.updated': 'membership.updated',
  'membership.removed': 'membership.removed',
  'membership.left': 'membership.removed',
  'key.issued': 'key.issued',
  'key.revoked': 'key.revoked',
  'key.rotated': 'key.rotated',
  'auth.decision': 'auth.decision',
};

export interface RecordedEvent extends AuditEventInput {
  /** The caller's address, user agent and request id, copied onto the audit row. */
  context?: RequestContext;
  /** The webhook payload's `data` when the event maps to one; the audit fields otherwise. */
  webhookData?: Record<string, unknown>;
}

/** What the ordering key of an event is: the user, key or org it is about. */
function subjectOf(event: RecordedEvent): string {
  return event.targetId ?? event.orgId ?? event.actorId ?? '';
}

/**
 * Appends an audit event and, in the same transaction, its outbox rows: the mapped webhook event
 * (when the action is one) and `audit.event`, so a committed change always has its deliveries
 * and a rolled-back one never does.
 */
export function recordEvent(tx: StorePort, clock: Clock, event: RecordedEvent): Promise<void> {
  return recordEvents(tx, clock, [event]);
}

/**
 * `recordEvent` for many events of one org (or none), in order, in a few statements: one audit
 * append and one outbox append for the lot (a directory sync's hundreds of changes).
 */
export async function recordEvents(
  tx: StorePort,
  clock: Clock,
  events: readonly RecordedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const at = clock.now();
  const records = await tx.audit.appendMany(
    events.map(({ context, webhookData: _webhookData, ...input }) => ({
      ...input,
      ip: input.ip ?? context?.ip ?? null,
      userAgent: input.userAgent ?? context?.userAgent ?? null,
      requestId: input.requestId ?? context?.requestId ?? null,
    })),
    at,
  );
  const outbox: OutboxEventInput[] = [];
  events.forEach((event, i) => {
    const record = records[i]!;
    const orgId = event.orgId ?? null;
    const subject = subjectOf(event);
    const type = WEBHOOK_EVENT[event.action];
    if (type) {
      const data = event.webhookData ?? {
        ...(orgId ? { orgId } : {}),
        actorId: event.actorId ?? null,
        ...(event.targetType ? { [`${event.targetType}Id`]: event.targetId } : {}),
        ...event.data,
      };
      outbox.push({ type, orgId, subject, data });
    }
    outbox.push({
      type: 'audit.event',
      orgId,
      subject,
      data: {
        id: record.id,
        action: record.action,
        actorType: record.actorType,
        actorId: record.actorId,
        targetType: record.targetType,
        targetId: record.targetId,
        orgId: record.orgId,
        occurredAt: record.occurredAt.toISOString(),
        data: record.data,
      },
    });
  });
  await tx.outbox.appendMany(outbox, at);
}

/** An event a user caused about their own account (a factor added, the email changed…). */
export function recordUserEvent(
  tx: StorePort,
  clock: Clock,
  userId: string,
  action: string,
  data: Record<string, unknown>,
  context: RequestContext,
): Promise<void> {
  return recordEvent(tx, clock, {
    action,
    actorType: 'user',
    actorId: userId,
    targetType: 'user',
    targetId: userId,
    data,
    context,
  });
}
