import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, ISOLATION_DRIVERS } from '../../../test/drivers.js';
import {
  AUDIT_GENESIS_HASH,
  auditEventHash,
  auditEventMac,
  fallbackAuditKey,
} from '../../domain/audit-chain.js';
import { newId } from '../../domain/ids.js';
import type { StorePort } from '../../ports/store.js';
import type { Db } from './db.js';
import {
  appendMany,
  deleteRows,
  insertRow,
  now,
  openFresh,
  sqlState,
} from './audit-repository.fixtures.js';
import { createDrizzleStore } from './postgres-store.js';

describe.each(ISOLATION_DRIVERS)('audit_events is append-only (%s)', (driver) => {
  let db: Db;
  let store: StorePort;
  beforeAll(async () => ({ db, store } = await openFresh(driver)));
  afterAll(() => store?.close());

  it('refuses UPDATE, DELETE and TRUNCATE to the application role with 42501', async () => {
    const orgId = newId('org');
    const [row] = await appendMany(store, orgId, [now(), now()]);
    expect(
      await sqlState(db.execute(sql`update audit_events set data = '{}' where seq = ${row!.seq}`)),
    ).toBe('42501');
    expect(await sqlState(db.execute(sql`delete from audit_events where seq = ${row!.seq}`))).toBe(
      '42501',
    );
    expect(await sqlState(db.execute(sql`truncate audit_events`))).toBe('42501');
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 2, break: null });
  });
});

describe.each(DRIVERS)('audit chain tampering (%s)', (driver) => {
  let db: Db;
  let store: StorePort;
  beforeAll(async () => ({ db, store } = await openFresh(driver)));
  afterAll(() => store?.close());

  it('appends many events as one chain link by link, in order, across insert chunks', async () => {
    const orgId = newId('org');
    await store.audit.append({ action: 'test.before', actorType: 'system', orgId }, now());
    const many = Array.from({ length: 1_201 }, (_, i) => ({
      action: `test.n${i}`,
      actorType: 'system' as const,
      orgId,
      data: { i },
    }));
    const rows = await store.audit.appendMany(many, now());
    expect(rows.map((r) => r.action)).toEqual(many.map((e) => e.action));
    expect(rows.every((r, i) => i === 0 || r.seq > rows[i - 1]!.seq)).toBe(true);
    await store.audit.append({ action: 'test.after', actorType: 'system', orgId }, now());
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 1_203, break: null });
    // One chain per call: events of two orgs are refused before anything is written.
    const other = newId('org');
    await expect(
      store.audit.appendMany(
        [
          { action: 'test.a', actorType: 'system', orgId: other },
          { action: 'test.b', actorType: 'system', orgId: newId('org') },
        ],
        now(),
      ),
    ).rejects.toThrow(/one chain/);
    expect(await store.audit.verify(other)).toMatchObject({ count: 0, break: null });
  });

  it('names the row whose link broke, and the missing range, when a row is deleted', async () => {
    const orgId = newId('org');
    const rows = await appendMany(store, orgId, [now(), now(), now(), now()]);
    await appendMany(store, newId('org'), [now()]); // another chain's rows do not matter
    await deleteRows(db, sql`seq = ${rows[1]!.seq}`);
    expect((await store.audit.verify(orgId)).break).toMatchObject({
      reason: 'deleted',
      seq: rows[2]!.seq,
      id: rows[2]!.id,
      missing: { afterSeq: rows[0]!.seq, beforeSeq: rows[2]!.seq },
    });
    await insertRow(db, rows[1]!);
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 4, break: null });
  });

  it('names a forged row slid between two genuine ones', async () => {
    const orgId = newId('org');
    const [first] = await appendMany(store, orgId, [now()]);
    // A rolled-back write leaves a gap in seq for the forger to use.
    await store
      .transaction(async (tx) => {
        await tx.audit.append({ action: 'test.gap', actorType: 'system', orgId }, now());
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const [second] = await appendMany(store, orgId, [now()]);
    const forged = { ...first!, id: newId('evt'), seq: second!.seq - 1, hash: 'f'.repeat(64) };
    forged.prevHash = first!.hash;
    expect(forged.seq).toBeGreaterThan(first!.seq);
    await insertRow(db, forged);
    expect((await store.audit.verify(orgId)).break).toMatchObject({
      reason: 'inserted',
      seq: forged.seq,
      id: forged.id,
    });
  });

  it('names a forged row appended, or a chain rewritten, without the audit key', async () => {
    const orgId = newId('org');
    const rows = await appendMany(store, orgId, [now(), now()]);
    const event = {
      ...rows[1]!,
      id: newId('evt'),
      seq: rows[1]!.seq + 1000,
      prevHash: rows[1]!.hash,
    };
    await insertRow(db, { ...event, hash: await auditEventHash(event.prevHash, event) });
    expect((await store.audit.verify(orgId)).break).toMatchObject({
      reason: 'inserted',
      id: event.id,
    });

    // Someone with SQL access recomputes a whole chain with the public fallback key: no row passes.
    const other = newId('org');
    const genuine = await appendMany(store, other, [now(), now()]);
    const publicKey = await fallbackAuditKey();
    let prev = AUDIT_GENESIS_HASH;
    await deleteRows(db, sql`org_id = ${other}`);
    for (const row of genuine) {
      const rewritten = { ...row, data: { rewritten: true }, prevHash: prev };
      prev = await auditEventMac(publicKey, prev, rewritten);
      await insertRow(db, { ...rewritten, hash: prev });
    }
    expect((await store.audit.verify(other)).break).toMatchObject({
      reason: 'inserted',
      seq: genuine[0]!.seq,
    });
  });

  it('verifies only with the key the rows were written under', async () => {
    const orgId = newId('org');
    await appendMany(store, orgId, [now(), now()]);
    // The same database through a store opened without the key (the public fallback key).
    const keyless = createDrizzleStore(db, store.driver, async () => undefined);
    expect((await keyless.audit.verify(orgId)).break).not.toBeNull();
    expect((await store.audit.verify(orgId)).break).toBeNull();
  });

  it('streams a chain in pages, oldest first', async () => {
    const orgId = newId('org');
    const rows = await appendMany(store, orgId, [now(), now(), now(), now(), now()]);
    const page = await store.audit.chainPage(orgId, rows[1]!.seq, 2);
    expect(page.map((r) => r.id)).toEqual([rows[2]!.id, rows[3]!.id]);
    expect(await store.audit.verify(orgId, { pageSize: 2 })).toMatchObject({
      count: 5,
      break: null,
    });
  });
});
