import { and, asc, count, eq, gt, gte, isNull, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type {
  ApiKeyRecord,
  ApiKeyRepository,
  KeyOwner,
  OwnedKeyRepository,
} from '../../ports/api-key-store.js';
import type { Db } from './db.js';
import { apiKeys } from './schema.js';
import type { Run } from './tenant-scope.js';

function ownerFilter(owner: KeyOwner): SQL {
  return owner.type === 'user' ? eq(apiKeys.userId, owner.userId) : eq(apiKeys.orgId, owner.orgId);
}

/** One owner's keys; every statement carries the owner filter (the tenant boundary for org keys). */
export function createOwnedKeyRepository(run: Run, owner: KeyOwner): OwnedKeyRepository {
  const mine = ownerFilter(owner);
  const one = (id: string) => and(mine, eq(apiKeys.id, id));
  const live = (id: string) => and(one(id), isNull(apiKeys.revokedAt));
  return {
    create: (key) =>
      run(async (db) => {
        const [row] = await db
          .insert(apiKeys)
          .values({
            ...key,
            userId: owner.type === 'user' ? owner.userId : null,
            orgId: owner.type === 'org' ? owner.orgId : null,
          })
          .returning();
        return row as ApiKeyRecord;
      }),
    get: (id) =>
      run(async (db) => {
        const [row] = await db.select().from(apiKeys).where(one(id)).limit(1);
        return (row as ApiKeyRecord | undefined) ?? null;
      }),
    list: ({ cursor, limit, status }) =>
      run(async (db) => {
        const conditions = [mine];
        if (cursor) conditions.push(gt(apiKeys.id, cursor));
        if (status === 'active') conditions.push(isNull(apiKeys.revokedAt));
        if (status === 'revoked') conditions.push(isNotNull(apiKeys.revokedAt));
        const rows = await db
          .select()
          .from(apiKeys)
          .where(and(...conditions))
          .orderBy(asc(apiKeys.id))
          .limit(limit);
        return rows as ApiKeyRecord[];
      }),
    countActive: () =>
      run(async (db) => {
        const [row] = await db
          .select({ n: count() })
          .from(apiKeys)
          .where(and(mine, isNull(apiKeys.revokedAt)));
        return row?.n ?? 0;
      }),
    update: (id, patch, at) =>
      run(async (db) => {
        const [row] = await db
          .update(apiKeys)
          .set({ ...patch, updatedAt: at })
          .where(live(id))
          .returning();
        return (row as ApiKeyRecord | undefined) ?? null;
      }),
    revoke: (id, { at, reason, by }) =>
      run(async (db) => {
        const [row] = await db
          .update(apiKeys)
          .set({ revokedAt: at, revokedReason: reason, revokedBy: by, updatedAt: at })
          .where(live(id))
          .returning();
        return (row as ApiKeyRecord | undefined) ?? null;
      }),
    reroll: (id, { secretHash, start, previousExpiresAt, at }) =>
      run(async (db) => {
        const [row] = await db
          .update(apiKeys)
          .set({
            // A grace of zero drops the old hash at once rather than keeping it until "now".
            previousHash: previousExpiresAt ? apiKeys.secretHash : null,
            previousExpiresAt,
            secretHash,
            start,
            updatedAt: at,
          })
          .where(live(id))
          .returning();
        return (row as ApiKeyRecord | undefined) ?? null;
      }),
  };
}

export function createApiKeyRepository(db: Db): ApiKeyRepository {
  const run: Run = (fn) => fn(db);
  return {
    forUser: (userId) => createOwnedKeyRepository(run, { type: 'user', userId }),
    async findBySecretHash(hash, now) {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(
          or(
            eq(apiKeys.secretHash, hash),
            and(eq(apiKeys.previousHash, hash), gt(apiKeys.previousExpiresAt, now)),
          ),
        )
        .limit(1);
      return (row as ApiKeyRecord | undefined) ?? null;
    },
    async consumeUse(id, now, periodStart) {
      const due = periodStart
        ? sql`(${apiKeys.refillInterval} is not null and coalesce(${apiKeys.refilledAt}, ${apiKeys.createdAt}) < ${periodStart})`
        : sql`false`;
      const [row] = await db
        .update(apiKeys)
        .set({
          remaining: sql`case when ${due} then ${apiKeys.refillAmount} - 1 else ${apiKeys.remaining} - 1 end`,
          refilledAt: sql`case when ${due} then ${now} else ${apiKeys.refilledAt} end`,
          lastUsedAt: now,
        })
        .where(
          and(
            eq(apiKeys.id, id),
            isNull(apiKeys.revokedAt),
            or(and(due, gt(apiKeys.refillAmount, 0)), gt(apiKeys.remaining, 0)),
          ),
        )
        .returning({ remaining: apiKeys.remaining });
      return row ? (row.remaining ?? 0) : null;
    },
    async touch(entries) {
      if (entries.length === 0) return;
      const ids = entries.map((e) => e.id);
      const times = entries.map((e) => e.at.toISOString());
      // One statement for the whole batch; never moves lastUsedAt backwards.
      await db.execute(sql`
        update api_keys k set last_used_at = greatest(k.last_used_at, u.at)
        from (select unnest(${sql.raw('array[')}${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}${sql.raw(']::text[]')}) as id,
                     unnest(${sql.raw('array[')}${sql.join(
                       times.map((t) => sql`${t}`),
                       sql`, `,
                     )}${sql.raw(']::timestamptz[]')}) as at) u
        where k.id = u.id`);
    },
    async revokedSince(since) {
      const rows = await db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(gte(apiKeys.revokedAt, since));
      return rows.map((r) => r.id);
    },
  };
}
