import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../../test/drivers.js';
import {
  AUDIT_GENESIS_HASH,
  LEGACY_CHAIN,
  PLATFORM_CHAIN,
  auditEventHash,
} from '../../domain/audit-chain.js';
import { newId } from '../../domain/ids.js';
import type { AuditEventRecord, StorePort } from '../../ports/store.js';
import type { Db } from './db.js';
import { appendMany, day, deleteRows, now, openFresh } from './audit-repository.fixtures.js';
import { MIGRATIONS, runMigrations } from './migrations.js';

describe.each(DRIVERS)('audit retention (%s)', (driver) => {
  let db: Db;
  let store: StorePort;
  beforeAll(async () => ({ db, store } = await openFresh(driver)));
  afterAll(() => store?.close());

  const checkpoints = (chain: string) =>
    db
      .execute(sql`select seq, hash from audit_checkpoints where chain = ${chain} order by seq`)
      .then((r) => (r as unknown as { rows: Array<{ seq: string | number; hash: string }> }).rows);

  it('deletes each chain’s oldest rows, leaves a checkpoint, and the rest still verifies', async () => {
    const orgId = newId('org');
    const old = [day('2001-01-01'), day('2001-01-02'), day('2001-01-03')];
    const rows = await appendMany(store, orgId, [...old, now(), now()]);
    const platform = await appendMany(store, null, [day('2001-01-04'), now()]);
    const results = await store.audit.prune(day('2002-01-01'));
    expect(results).toEqual(
      expect.arrayContaining([
        { chain: orgId, deleted: 3, checkpointSeq: rows[2]!.seq },
        { chain: PLATFORM_CHAIN, deleted: 1, checkpointSeq: platform[0]!.seq },
      ]),
    );
    expect(await checkpoints(orgId)).toEqual([{ seq: expect.anything(), hash: rows[2]!.hash }]);
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 2, break: null });
    expect((await store.audit.verify(PLATFORM_CHAIN)).break).toBeNull();
    await appendMany(store, orgId, [now()]);
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 3, break: null });
  });

  it('continues a fully pruned chain from its checkpoint, in batches', async () => {
    const orgId = newId('org');
    const rows = await appendMany(
      store,
      orgId,
      [1, 2, 3, 4, 5].map((d) => day(`2003-01-0${d}`)),
    );
    const results = await store.audit.prune(day('2004-01-01'), { batchSize: 2 });
    expect(results.find((r) => r.chain === orgId)).toEqual({
      chain: orgId,
      deleted: 5,
      checkpointSeq: rows[4]!.seq,
    });
    expect((await checkpoints(orgId)).map((c) => c.hash)).toEqual([
      rows[1]!.hash,
      rows[3]!.hash,
      rows[4]!.hash,
    ]);
    const [next] = await appendMany(store, orgId, [now()]);
    expect(next!.prevHash).toBe(rows[4]!.hash);
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 1, break: null });
    expect(await store.audit.chains()).toContain(orgId);
  });

  it('keeps an old row written after a newer one: only a prefix of the chain goes', async () => {
    const orgId = newId('org');
    const rows = await appendMany(store, orgId, [day('2005-01-01'), now(), day('2005-01-02')]);
    const results = await store.audit.prune(day('2006-01-01'));
    expect(results.find((r) => r.chain === orgId)).toMatchObject({ deleted: 1 });
    const left = await store.audit.chainPage(orgId, 0, 10);
    expect(left.map((r) => r.id)).toEqual([rows[1]!.id, rows[2]!.id]);
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 2, break: null });
  });

  it('names rows hidden behind a checkpoint written without the key', async () => {
    const orgId = newId('org');
    const rows = await appendMany(store, orgId, [now(), now(), now()]);
    await deleteRows(db, sql`seq <= ${rows[1]!.seq}`);
    await db.execute(sql`insert into audit_checkpoints (id, chain, seq, hash)
      values ('ckp_forged', ${orgId}, ${rows[1]!.seq}, ${rows[1]!.hash})`);
    expect((await store.audit.verify(orgId)).break).toMatchObject({
      reason: 'deleted',
      id: 'ckp_forged',
      seq: rows[1]!.seq,
    });
  });
});

describe.each(DRIVERS)('legacy rows after the 0006 upgrade (%s)', (driver) => {
  let db: Db;
  let store: StorePort;
  const legacy: AuditEventRecord[] = [];
  const orgId = newId('org');
  beforeAll(async () => {
    ({ db, store } = await openFresh(driver, false));
    // Migrate to 0005 as an older release did, write its global, unkeyed chain, then upgrade.
    await db.execute(sql`create table catalyst_migrations (tag text primary key, hash text not null,
      applied_at timestamptz not null default now())`);
    for (const migration of MIGRATIONS.filter((m) => m.tag < '0006')) {
      for (const statement of migration.sql.split('--> statement-breakpoint'))
        if (statement.trim()) await db.execute(sql.raw(statement));
      await db.execute(
        sql`insert into catalyst_migrations (tag, hash) values (${migration.tag}, 'x')`,
      );
    }
    let prev = AUDIT_GENESIS_HASH;
    for (const [i, org] of [orgId, null, orgId].entries()) {
      const event = {
        id: newId('evt'),
        occurredAt: day(`2024-01-0${i + 1}`),
        action: 'org.updated',
        actorType: 'user' as const,
        actorId: 'usr_legacy',
        targetType: null,
        targetId: null,
        orgId: org,
        ip: null,
        userAgent: null,
        data: { i },
      };
      const hash = await auditEventHash(prev, event);
      await db.execute(sql`insert into audit_events (id, occurred_at, action, actor_type, actor_id,
        org_id, data, prev_hash, hash) values (${event.id}, ${event.occurredAt.toISOString()},
        ${event.action}, 'user', 'usr_legacy', ${org}, ${JSON.stringify(event.data)}::jsonb,
        ${prev}, ${hash})`);
      legacy.push({ ...event, seq: 0, prevHash: prev, hash, requestId: null, schemaVersion: 1 });
      prev = hash;
    }
    expect((await runMigrations(db))[0]).toBe('0006_webhooks_audit');
  });
  afterAll(() => store?.close());

  it('keeps old rows on the legacy chain and chains new ones per org, all verifiable', async () => {
    await appendMany(store, orgId, [now(), now()]);
    await appendMany(store, null, [now()]);
    expect(await store.audit.chains()).toEqual([LEGACY_CHAIN, PLATFORM_CHAIN, orgId]);
    expect(await store.audit.verify(LEGACY_CHAIN)).toMatchObject({ count: 3, break: null });
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 2, break: null });
    expect(await store.audit.verify(PLATFORM_CHAIN)).toMatchObject({ count: 1, break: null });
    // The new chain did not continue the legacy one.
    const [first] = await store.audit.chainPage(orgId, 0, 1);
    expect(first!.prevHash).toBe(AUDIT_GENESIS_HASH);
  });

  it('refuses a legacy row written after version 2 began, though its hash is right', async () => {
    const head = legacy[legacy.length - 1]!;
    const event = { ...head, id: newId('evt'), occurredAt: day('2024-02-01'), prevHash: head.hash };
    const hash = await auditEventHash(event.prevHash, event);
    await db.execute(sql`insert into audit_events (id, occurred_at, action, actor_type, org_id,
      data, prev_hash, hash, schema_version) values (${event.id}, ${event.occurredAt.toISOString()},
      ${event.action}, 'user', ${event.orgId}, ${JSON.stringify(event.data)}::jsonb,
      ${event.prevHash}, ${hash}, 1)`);
    expect((await store.audit.verify(LEGACY_CHAIN)).break).toMatchObject({
      reason: 'inserted',
      id: event.id,
    });
    await deleteRows(db, sql`id = ${event.id}`);
    expect((await store.audit.verify(LEGACY_CHAIN)).break).toBeNull();
  });
});
