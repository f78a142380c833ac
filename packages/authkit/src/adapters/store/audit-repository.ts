import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  isNull,
  like,
  lt,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  AUDIT_GENESIS_HASH,
  AUDIT_LEGACY_VERSION,
  AUDIT_SCHEMA_VERSION,
  LEGACY_CHAIN,
  PLATFORM_CHAIN,
  auditEventMac,
  chainOf,
  checkpointId,
  fallbackAuditKey,
  verifyAuditChain,
  type AuditChainRow,
} from '../../domain/audit-chain.js';
import { newId } from '../../domain/ids.js';
import type { AuditEventInput, AuditEventRecord, AuditRepository } from '../../ports/store.js';
import type { Db } from './db.js';
import { auditCheckpoints, auditEvents } from './schema.js';

// "audi": with the chain's hash, a two-key advisory lock, a key space apart from withLock's.
const AUDIT_LOCK_CLASS = 0x6175_6469;
const VERIFY_PAGE = 1000;
const PRUNE_BATCH = 5000;

/** The rows of one chain: an org's or the platform's version 2 rows, or every legacy row. */
function inChain(chain: string): SQL {
  if (chain === LEGACY_CHAIN) return eq(auditEvents.schemaVersion, AUDIT_LEGACY_VERSION);
  const owner = chain === PLATFORM_CHAIN ? isNull(auditEvents.orgId) : eq(auditEvents.orgId, chain);
  return and(owner, ne(auditEvents.schemaVersion, AUDIT_LEGACY_VERSION))!;
}

/** `org.*` → `org.%`, with LIKE's own wildcards (`_` is common in action names) escaped. */
const likePattern = (glob: string) => glob.replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll('*', '%');

function actionFilter(actions: readonly string[] | undefined): SQL | undefined {
  if (!actions?.length || actions.includes('*')) return undefined;
  return or(
    ...actions.map((a) =>
      a.includes('*') ? like(auditEvents.action, likePattern(a)) : eq(auditEvents.action, a),
    ),
  );
}

/** Legacy first, then the platform chain, then orgs by id. */
const chainRank = (chain: string) =>
  chain === LEGACY_CHAIN ? 0 : chain === PLATFORM_CHAIN ? 1 : 2;

/** Rows per insert when appending many events (the statement's parameters stay well in bounds). */
const APPEND_CHUNK = 500;

/** The audit row of an input, before its chain hashes. */
function eventRow(input: AuditEventInput, orgId: string | null, at: Date) {
  return {
    id: newId('evt'),
    occurredAt: at,
    action: input.action,
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    orgId,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? null,
    data: input.data ?? {},
    schemaVersion: AUDIT_SCHEMA_VERSION,
  };
}

/**
 * The audit log: one hash chain per org (and one for events without an org), each row an HMAC
 * under `auditKey` over its fields and the previous row's hash. Appends to one chain are
 * serialized by that chain's advisory lock; different orgs append in parallel.
 */
export function createAuditRepository(db: Db, auditKey?: CryptoKey): AuditRepository {
  const key = () => (auditKey ? Promise.resolve(auditKey) : fallbackAuditKey());
  const lock = (tx: Db, chain: string) =>
    tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int4, hashtext(${chain}))`);

  async function latestCheckpoint(tx: Db, chain: string) {
    const [checkpoint] = await tx
      .select()
      .from(auditCheckpoints)
      .where(eq(auditCheckpoints.chain, chain))
      .orderBy(desc(auditCheckpoints.seq))
      .limit(1);
    return checkpoint;
  }

  /** The hash a new row links to: the chain's newest row, else its checkpoint, else genesis. */
  async function head(tx: Db, chain: string): Promise<string> {
    const [last] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .where(inChain(chain))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    if (last) return last.hash;
    return (await latestCheckpoint(tx, chain))?.hash ?? AUDIT_GENESIS_HASH;
  }

  const chainPage = async (chain: string, afterSeq: number, limit: number) =>
    (await db
      .select()
      .from(auditEvents)
      .where(and(inChain(chain), gt(auditEvents.seq, afterSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(limit)) as AuditEventRecord[];

  async function* rowsOf(chain: string, pageSize: number): AsyncGenerator<AuditChainRow> {
    for (let after = 0; ;) {
      const page = await chainPage(chain, after, pageSize);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /** Legacy rows all precede the first version 2 row (or checkpoint); a later one is forged. */
  async function legacyClosedAt(): Promise<number | undefined> {
    const result = (await db.execute(
      sql`select least((select min(seq) from audit_events where schema_version <> ${AUDIT_LEGACY_VERSION}),
        (select min(seq) from audit_checkpoints where chain <> ${LEGACY_CHAIN})) as seq`,
    )) as unknown as { rows: Array<{ seq: string | number | null }> };
    const seq = result.rows[0]?.seq;
    return seq === null || seq === undefined ? undefined : Number(seq);
  }

  /** Deletes up to `batch` of the chain's oldest rows written before `before`, in one transaction. */
  async function pruneBatch(tx: Db, chain: string, before: Date, batch: number, mac: CryptoKey) {
    await lock(tx, chain);
    // Only a prefix goes: the chain must still start where the checkpoint says.
    const [kept] = await tx
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(inChain(chain), gte(auditEvents.occurredAt, before)))
      .orderBy(asc(auditEvents.seq))
      .limit(1);
    const doomed = tx
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .where(and(inChain(chain), kept ? lt(auditEvents.seq, kept.seq) : undefined))
      .orderBy(asc(auditEvents.seq))
      .limit(batch)
      .as('doomed');
    const [last] = await tx.select().from(doomed).orderBy(desc(doomed.seq)).limit(1);
    if (!last) return null;
    // The append-only trigger lets DELETE through only with this set; unset it before returning
    // so later statements of an outer transaction cannot delete.
    await tx.execute(sql`select set_config('catalyst.audit_prune', 'on', true)`);
    const gone = await tx
      .delete(auditEvents)
      .where(and(inChain(chain), lte(auditEvents.seq, last.seq)))
      .returning({ seq: auditEvents.seq });
    await tx.execute(sql`select set_config('catalyst.audit_prune', '', true)`);
    const checkpoint = { chain, seq: last.seq, hash: last.hash };
    await tx
      .insert(auditCheckpoints)
      .values({ id: await checkpointId(mac, checkpoint), ...checkpoint });
    return { deleted: gone.length, seq: last.seq };
  }

  const appendMany: AuditRepository['appendMany'] = async (inputs, at) => {
    if (inputs.length === 0) return [];
    const orgId = inputs[0]!.orgId ?? null;
    if (inputs.some((input) => (input.orgId ?? null) !== orgId)) {
      throw new Error('appendMany: every event must be of one chain (one org)');
    }
    const mac = await key();
    return db.transaction(async (tx) => {
      const chain = chainOf(orgId);
      await lock(tx as Db, chain);
      let prevHash = await head(tx as Db, chain);
      const rows: AuditEventRecord[] = [];
      for (let i = 0; i < inputs.length; i += APPEND_CHUNK) {
        const values = [];
        for (const input of inputs.slice(i, i + APPEND_CHUNK)) {
          const event = eventRow(input, orgId, at);
          const hash = await auditEventMac(mac, prevHash, event);
          values.push({ ...event, prevHash, hash });
          prevHash = hash;
        }
        // One statement per chunk: its rows take their seq in the order listed, the chain's.
        const inserted = await tx.insert(auditEvents).values(values).returning();
        rows.push(...(inserted as AuditEventRecord[]).sort((a, b) => a.seq - b.seq));
      }
      return rows;
    });
  };

  return {
    async append(input, at) {
      const [row] = await appendMany([input], at);
      return row!;
    },

    appendMany,

    async list(options = {}) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(options.actorId ? eq(auditEvents.actorId, options.actorId) : undefined)
        .orderBy(desc(auditEvents.seq))
        .limit(options.limit ?? 100);
      return rows as AuditEventRecord[];
    },

    async query(filter, page) {
      const { orgId, since, until } = filter;
      const after = page.after;
      const rows = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            orgId === undefined
              ? undefined
              : orgId === null
                ? isNull(auditEvents.orgId)
                : eq(auditEvents.orgId, orgId),
            filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
            actionFilter(filter.actions),
            filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
            filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
            since ? gte(auditEvents.occurredAt, since) : undefined,
            until ? lt(auditEvents.occurredAt, until) : undefined,
            after === undefined
              ? undefined
              : page.order === 'desc'
                ? lt(auditEvents.seq, after)
                : gt(auditEvents.seq, after),
          ),
        )
        .orderBy(page.order === 'desc' ? desc(auditEvents.seq) : asc(auditEvents.seq))
        .limit(page.limit);
      return rows as AuditEventRecord[];
    },

    async chains() {
      const [orgs, legacy, marked] = await Promise.all([
        db
          .selectDistinct({ orgId: auditEvents.orgId })
          .from(auditEvents)
          .where(ne(auditEvents.schemaVersion, AUDIT_LEGACY_VERSION)),
        db.select({ seq: auditEvents.seq }).from(auditEvents).where(inChain(LEGACY_CHAIN)).limit(1),
        db.selectDistinct({ chain: auditCheckpoints.chain }).from(auditCheckpoints),
      ]);
      const all = new Set([
        ...(legacy.length ? [LEGACY_CHAIN] : []),
        ...orgs.map((r) => chainOf(r.orgId)),
        ...marked.map((r) => r.chain),
      ]);
      return [...all].sort((a, b) => chainRank(a) - chainRank(b) || (a < b ? -1 : a > b ? 1 : 0));
    },

    chainPage,

    async verify(chain, options = {}) {
      const mac = await key();
      const checkpoint = await latestCheckpoint(db, chain);
      if (checkpoint && checkpoint.id !== (await checkpointId(mac, checkpoint))) {
        const detail = 'the checkpoint the chain was pruned to was not written with the audit key';
        return {
          chain,
          count: 0,
          break: { reason: 'deleted', seq: checkpoint.seq, id: checkpoint.id, detail },
        };
      }
      const legacy = chain === LEGACY_CHAIN;
      const report = await verifyAuditChain(rowsOf(chain, options.pageSize ?? VERIFY_PAGE), {
        key: mac,
        start: checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : undefined,
        schemaVersion: legacy ? AUDIT_LEGACY_VERSION : AUDIT_SCHEMA_VERSION,
        closedAt: legacy ? await legacyClosedAt() : undefined,
      });
      return { chain, count: report.count, break: report.break };
    },

    async prune(before, options = {}) {
      const batch = options.batchSize ?? PRUNE_BATCH;
      const mac = await key();
      const old = await db
        .selectDistinct({ orgId: auditEvents.orgId, version: auditEvents.schemaVersion })
        .from(auditEvents)
        .where(lt(auditEvents.occurredAt, before));
      const chains = new Set(
        old.map((r) => (r.version === AUDIT_LEGACY_VERSION ? LEGACY_CHAIN : chainOf(r.orgId))),
      );
      const results = [];
      for (const chain of [...chains].sort()) {
        let deleted = 0;
        let checkpointSeq = 0;
        // Batches, each its own transaction with its own checkpoint: no long lock on a big chain.
        for (;;) {
          const done = await db.transaction((tx) =>
            pruneBatch(tx as Db, chain, before, batch, mac),
          );
          if (!done) break;
          deleted += done.deleted;
          checkpointSeq = done.seq;
          if (done.deleted < batch) break;
        }
        if (deleted) results.push({ chain, deleted, checkpointSeq });
      }
      return results;
    },
  };
}
