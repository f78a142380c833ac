import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { newSortableId } from '../../domain/ids.js';
import type { OutboxRepository } from '../../ports/tenancy-store.js';
import type { Db } from './db.js';
import { outboxEvents } from './schema.js';

/** Events per statement when appending many. */
const APPEND_CHUNK = 500;

/**
 * The outbox. Appending an event also fans it out, in the same statement and transaction, to one
 * delivery row per enabled endpoint whose filter matches: the org's endpoints and every platform
 * endpoint. A filter entry matches the type itself, its family (`org.*`) or everything (`*`).
 */
export function createOutboxRepository(db: Db): OutboxRepository {
  const appendMany: OutboxRepository['appendMany'] = async (events, at) => {
    for (let i = 0; i < events.length; i += APPEND_CHUNK) {
      // Rows take their seq in the order listed, so subscribers see the events in order.
      const rows = events.slice(i, i + APPEND_CHUNK).map(
        (event) => sql`(${newSortableId('evt', at)}, ${event.type}, ${event.orgId},
          ${event.subject ?? ''}, ${JSON.stringify(event.data)}::jsonb, ${at}::timestamptz)`,
      );
      await db.execute(sql`
        with ev as (
          insert into outbox_events (id, type, org_id, subject, data, occurred_at)
          values ${sql.join(rows, sql`, `)}
          returning id, type, org_id, subject
        )
        insert into webhook_deliveries
          (id, webhook_id, org_id, event_id, event_type, subject, next_attempt_at, created_at)
        select 'dlv_' || md5(ev.id || ':' || w.id), w.id, ev.org_id, ev.id, ev.type,
               ev.subject, ${at}, ${at}
        from ev join webhooks w
          on w.enabled and (w.org_id is null or w.org_id = ev.org_id)
        where w.events ?| array[ev.type, split_part(ev.type, '.', 1) || '.*', '*']::text[]`);
    }
  };
  return {
    append: (event, at) => appendMany([event], at),
    appendMany,
    list: (options) => {
      const conditions = [gt(outboxEvents.seq, options.afterSeq ?? 0)];
      if (options.orgId) conditions.push(eq(outboxEvents.orgId, options.orgId));
      return db
        .select()
        .from(outboxEvents)
        .where(and(...conditions))
        .orderBy(asc(outboxEvents.seq))
        .limit(options.limit);
    },
  };
}
