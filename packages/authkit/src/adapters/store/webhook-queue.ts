import { sql } from 'drizzle-orm';
import { newId } from '../../domain/ids.js';
import type { DeliveryStatus } from '../../domain/webhooks.js';
import type { AttemptRecord, ClaimedDelivery, FinishOutcome } from '../../ports/webhook-store.js';
import type { Db } from './db.js';

type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;
const date = (value: unknown) => (value === null ? null : new Date(value as string | Date));

/**
 * Claims up to `limit` due deliveries in one statement. `FOR UPDATE SKIP LOCKED` lets any number
 * of workers claim side by side without waiting on or double-taking a row; a claim is a lease, so
 * a worker killed mid-delivery leaves rows another worker takes once `claimed_until` passes. An
 * ordered endpoint's delivery waits while an earlier one for the same subject is unfinished.
 */
export async function claimDeliveries(
  db: Db,
  workerId: string,
  limit: number,
  leaseUntil: Date,
  now: Date,
): Promise<ClaimedDelivery[]> {
  const result = await db.execute(sql`
    with picked as (
      select d.id from webhook_deliveries d
      join webhooks w on w.id = d.webhook_id
      where w.enabled
        and ((d.status = 'pending' and d.next_attempt_at <= ${now})
          or (d.status = 'delivering' and d.claimed_until < ${now}))
        and (not w.ordered or not exists (
          select 1 from webhook_deliveries p
          where p.webhook_id = d.webhook_id and p.subject = d.subject and p.seq < d.seq
            and p.status in ('pending', 'delivering')))
      order by d.next_attempt_at, d.seq
      limit ${limit}
      for update of d skip locked
    ),
    claimed as (
      update webhook_deliveries d
      set status = 'delivering', claimed_by = ${workerId}, claimed_until = ${leaseUntil},
          attempts = d.attempts + 1
      from picked where d.id = picked.id
      returning d.*
    )
    select c.*, e.type as e_type, e.occurred_at as e_occurred_at, e.data as e_data,
           w.url as w_url, w.secret_encrypted as w_secret,
           w.previous_secret_encrypted as w_previous_secret,
           w.previous_secret_expires_at as w_previous_expires
    from claimed c
    join outbox_events e on e.id = c.event_id
    join webhooks w on w.id = c.webhook_id
    order by c.seq`);
  return rowsOf(result).map((r) => ({
    seq: Number(r['seq']),
    id: r['id'] as string,
    webhookId: r['webhook_id'] as string,
    orgId: (r['org_id'] as string | null) ?? null,
    eventId: r['event_id'] as string,
    eventType: r['event_type'] as string,
    subject: r['subject'] as string,
    status: r['status'] as DeliveryStatus,
    attempts: Number(r['attempts']),
    nextAttemptAt: date(r['next_attempt_at'])!,
    claimedBy: r['claimed_by'] as string,
    claimedUntil: date(r['claimed_until']),
    lastStatus: (r['last_status'] as number | null) ?? null,
    lastError: (r['last_error'] as string | null) ?? null,
    createdAt: date(r['created_at'])!,
    deliveredAt: date(r['delivered_at']),
    event: {
      type: r['e_type'] as string,
      occurredAt: date(r['e_occurred_at'])!,
      data: (typeof r['e_data'] === 'string' ? JSON.parse(r['e_data']) : r['e_data']) as Record<
        string,
        unknown
      >,
    },
    webhook: {
      url: r['w_url'] as string,
      secretEncrypted: r['w_secret'] as string,
      previousSecretEncrypted: (r['w_previous_secret'] as string | null) ?? null,
      previousSecretExpiresAt: date(r['w_previous_expires'] ?? null),
    },
  }));
}

/** One finished attempt, as the worker hands it to `finishDeliveries`. */
export interface FinishedAttempt {
  delivery: ClaimedDelivery;
  attempt: Omit<AttemptRecord, 'id' | 'deliveryId' | 'webhookId'>;
  outcome: FinishOutcome;
}

/**
 * Records a batch of attempts and moves each delivery on, in one transaction of a few statements
 * (not a few per delivery): delivered, back in the queue at `retry.at`, dead-lettered, or (410)
 * dead with its endpoint disabled. An endpoint failing for longer than `disableAfterFailingMs`
 * is disabled; a success resets its failure clock. Rows whose lease passed to another worker
 * are skipped: that worker's attempt is the one recorded. Resolves to the ids recorded.
 */
export async function finishDeliveries(
  db: Db,
  workerId: string,
  finished: readonly FinishedAttempt[],
  options: { disableAfterFailingMs: number },
): Promise<Set<string>> {
  if (finished.length === 0) return new Set();
  const rows = finished.map(({ delivery, attempt, outcome }) => {
    const status =
      outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'retry' ? 'pending' : 'dead';
    const next = outcome.kind === 'retry' ? outcome.at : attempt.attemptedAt;
    const deliveredAt = outcome.kind === 'delivered' ? attempt.attemptedAt : null;
    return sql`(${delivery.id}::text, ${status}::text, ${next}::timestamptz,
      ${attempt.statusCode}::int, ${attempt.error}::text, ${deliveredAt}::timestamptz,
      ${newId('att')}::text, ${attempt.attemptedAt}::timestamptz, ${attempt.durationMs}::int,
      ${attempt.responseExcerpt}::text)`;
  });
  return db.transaction(async (tx) => {
    const recorded = rowsOf(
      await tx.execute(sql`
        with input (id, status, next_at, code, error, delivered_at, attempt_id, attempted_at,
                    duration_ms, excerpt) as (values ${sql.join(rows, sql`, `)}),
        updated as (
          update webhook_deliveries d
          set status = i.status, next_attempt_at = i.next_at, claimed_by = null,
              claimed_until = null, last_status = i.code, last_error = i.error,
              delivered_at = i.delivered_at
          from input i
          where d.id = i.id and d.claimed_by = ${workerId} and d.status = 'delivering'
          returning d.id, d.webhook_id
        )
        insert into webhook_attempts
          (id, delivery_id, webhook_id, attempted_at, status_code, duration_ms,
           response_excerpt, error)
        select i.attempt_id, i.id, u.webhook_id, i.attempted_at, i.code, i.duration_ms,
               i.excerpt, i.error
        from input i join updated u on u.id = i.id
        returning delivery_id`),
    );
    const ids = new Set(recorded.map((r) => r['delivery_id'] as string));
    await updateEndpoints(
      tx,
      finished.filter((f) => ids.has(f.delivery.id)),
      options.disableAfterFailingMs,
    );
    return ids;
  });
}

/** Per endpoint in the batch: its last outcome decides (gone, failing for too long, or healthy). */
async function updateEndpoints(
  tx: Db,
  finished: readonly FinishedAttempt[],
  disableAfterFailingMs: number,
): Promise<void> {
  const last = new Map<string, FinishedAttempt>();
  for (const f of finished) last.set(f.delivery.webhookId, f);
  for (const [webhookId, { outcome, attempt }] of last) {
    const at = attempt.attemptedAt;
    if (outcome.kind === 'delivered') {
      await tx.execute(sql`
        update webhooks set failing_since = null
        where id = ${webhookId} and failing_since is not null`);
    } else if (outcome.kind === 'gone') {
      await tx.execute(sql`
        update webhooks set enabled = false, disabled_reason = 'gone', updated_at = ${at}
        where id = ${webhookId}`);
    } else {
      const failingFor = new Date(at.getTime() - disableAfterFailingMs);
      await tx.execute(sql`
        update webhooks
        set failing_since = coalesce(failing_since, ${at}),
            enabled = case when failing_since < ${failingFor} then false else enabled end,
            disabled_reason = case when failing_since < ${failingFor} then 'failing'
                                   else disabled_reason end
        where id = ${webhookId}`);
    }
  }
}
