import { and, desc, eq, gt, asc, count, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { newId, newSortableId } from '../../domain/ids.js';
import type {
  ClaimedDelivery,
  DeliveryRecord,
  WebhookOwner,
  WebhookRecord,
  WebhookRepository,
} from '../../ports/webhook-store.js';
import type { Db } from './db.js';
import { claimDeliveries, finishDeliveries } from './webhook-queue.js';
import { webhookAttempts, webhookDeliveries, webhooks } from './schema.js';

const ownedBy = (owner: WebhookOwner): SQL =>
  owner === null ? isNull(webhooks.orgId) : eq(webhooks.orgId, owner);

/** Endpoints and their deliveries; every endpoint statement carries the owner (tenant) filter. */
export function createWebhookRepository(db: Db): WebhookRepository {
  const one = (owner: WebhookOwner, id: string) => and(ownedBy(owner), eq(webhooks.id, id));
  const get = async (owner: WebhookOwner, id: string) => {
    const [row] = await db.select().from(webhooks).where(one(owner, id)).limit(1);
    return (row as WebhookRecord | undefined) ?? null;
  };
  const affected = (result: unknown) =>
    (result as { rowCount?: number | null; affectedRows?: number }).rowCount ??
    (result as { affectedRows?: number }).affectedRows ??
    0;
  // A delivery is reachable only through an endpoint its owner holds.
  const ownedDelivery = (owner: WebhookOwner, webhookId: string) =>
    and(
      eq(webhookDeliveries.webhookId, webhookId),
      sql`exists (select 1 from ${webhooks} where ${webhooks.id} = ${webhookDeliveries.webhookId} and ${ownedBy(owner)})`,
    );
  return {
    async create(owner, input, at) {
      const [row] = await db
        .insert(webhooks)
        .values({ ...input, orgId: owner, createdAt: at, updatedAt: at })
        .returning();
      return row as WebhookRecord;
    },
    get,
    async list(owner, { after, limit }) {
      const rows = await db
        .select()
        .from(webhooks)
        .where(and(ownedBy(owner), after ? gt(webhooks.id, after) : undefined))
        .orderBy(asc(webhooks.id))
        .limit(limit);
      return rows as WebhookRecord[];
    },
    async count(owner) {
      const [row] = await db.select({ n: count() }).from(webhooks).where(ownedBy(owner));
      return row?.n ?? 0;
    },
    async update(owner, id, patch, at) {
      const reenable = patch.enabled === true ? { disabledReason: null, failingSince: null } : {};
      const disable = patch.enabled === false ? { disabledReason: 'manual' } : {};
      const [row] = await db
        .update(webhooks)
        .set({ ...patch, ...reenable, ...disable, updatedAt: at })
        .where(one(owner, id))
        .returning();
      return (row as WebhookRecord | undefined) ?? null;
    },
    async rotateSecret(owner, id, secretEncrypted, previousExpiresAt, at) {
      const [row] = await db
        .update(webhooks)
        .set({
          previousSecretEncrypted: sql`${webhooks.secretEncrypted}`,
          previousSecretExpiresAt: previousExpiresAt,
          secretEncrypted,
          updatedAt: at,
        })
        .where(one(owner, id))
        .returning();
      return (row as WebhookRecord | undefined) ?? null;
    },
    async delete(owner, id) {
      const rows = await db.delete(webhooks).where(one(owner, id)).returning({ id: webhooks.id });
      return rows.length > 0;
    },
    async deliveries(owner, webhookId, { before, limit, status }) {
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            ownedDelivery(owner, webhookId),
            before !== undefined ? lt(webhookDeliveries.seq, before) : undefined,
            status ? eq(webhookDeliveries.status, status) : undefined,
          ),
        )
        .orderBy(desc(webhookDeliveries.seq))
        .limit(limit);
      return rows as DeliveryRecord[];
    },
    async delivery(owner, webhookId, id) {
      const [row] = await db
        .select()
        .from(webhookDeliveries)
        .where(and(ownedDelivery(owner, webhookId), eq(webhookDeliveries.id, id)))
        .limit(1);
      return (row as DeliveryRecord | undefined) ?? null;
    },
    async attempts(deliveryId) {
      return db
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.deliveryId, deliveryId))
        .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
    },
    async retry(owner, webhookId, id, at) {
      const [row] = await db
        .update(webhookDeliveries)
        .set({
          status: 'pending',
          nextAttemptAt: at,
          // A dead delivery starts the schedule again; a pending one keeps its count.
          attempts: sql`case when ${webhookDeliveries.status} = 'pending' then ${webhookDeliveries.attempts} else 0 end`,
          claimedBy: null,
          claimedUntil: null,
        })
        .where(
          and(
            ownedDelivery(owner, webhookId),
            eq(webhookDeliveries.id, id),
            sql`${webhookDeliveries.status} <> 'delivering'`,
          ),
        )
        .returning();
      return (row as DeliveryRecord | undefined) ?? null;
    },
    async replay(owner, webhookId, { since, until, mode }, at) {
      const endpoint = await get(owner, webhookId);
      if (!endpoint) return 0;
      if (mode === 'failed') {
        const rows = await db
          .update(webhookDeliveries)
          .set({ status: 'pending', attempts: 0, nextAttemptAt: at })
          .where(
            and(
              eq(webhookDeliveries.webhookId, webhookId),
              eq(webhookDeliveries.status, 'dead'),
              sql`${webhookDeliveries.createdAt} between ${since} and ${until}`,
            ),
          )
          .returning({ id: webhookDeliveries.id });
        return rows.length;
      }
      const stamp = String(at.getTime());
      const result = await db.execute(sql`
        insert into webhook_deliveries
          (id, webhook_id, org_id, event_id, event_type, subject, next_attempt_at, created_at)
        select 'dlv_' || md5(e.id || ':' || ${webhookId} || ':' || ${stamp}), ${webhookId},
               e.org_id, e.id, e.type, e.subject,
               ${at}, ${at}
        from outbox_events e
        where e.occurred_at between ${since} and ${until}
          and e.type <> 'webhook.test'
          and (${owner}::text is null or e.org_id = ${owner})
          and ${JSON.stringify(endpoint.events)}::jsonb ?| array[e.type, split_part(e.type, '.', 1) || '.*', '*']
        on conflict (id) do nothing`);
      return affected(result);
    },
    async enqueueFor(webhook, event, at) {
      const eventId = newSortableId('evt', at);
      return db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into outbox_events (id, type, org_id, data, occurred_at)
          values (${eventId}, ${event.type}, ${webhook.orgId}, ${JSON.stringify(event.data)}::jsonb, ${at})`);
        const [row] = await tx
          .insert(webhookDeliveries)
          .values({
            id: newId('dlv'),
            webhookId: webhook.id,
            orgId: webhook.orgId,
            eventId,
            eventType: event.type,
            subject: webhook.id,
            nextAttemptAt: at,
            createdAt: at,
          })
          .returning();
        return row as DeliveryRecord;
      });
    },
    claim: (workerId, limit, leaseUntil, now): Promise<ClaimedDelivery[]> =>
      claimDeliveries(db, workerId, limit, leaseUntil, now),
    finish: (workerId, finished, options) => finishDeliveries(db, workerId, finished, options),
    async release(workerId, now) {
      const rows = await db
        .update(webhookDeliveries)
        .set({ status: 'pending', claimedBy: null, claimedUntil: null, nextAttemptAt: now })
        .where(
          and(
            eq(webhookDeliveries.claimedBy, workerId),
            eq(webhookDeliveries.status, 'delivering'),
          ),
        )
        .returning({ id: webhookDeliveries.id });
      return rows.length;
    },
    async pruneOutbox(before) {
      const result = await db.execute(sql`
        delete from outbox_events e
        where e.occurred_at < ${before}
          and not exists (select 1 from webhook_deliveries d
                          where d.event_id = e.id and d.status in ('pending', 'delivering'))`);
      return affected(result);
    },
  };
}
