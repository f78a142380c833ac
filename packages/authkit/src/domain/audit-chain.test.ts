import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS_HASH,
  auditEventHash,
  auditEventMac,
  checkpointId,
  deriveAuditKey,
  fallbackAuditKey,
  verifyAuditChain,
  type AuditChainRow,
} from './audit-chain.js';

let key: CryptoKey;
beforeAll(async () => {
  key = await deriveAuditKey('root-secret-for-audit-chain-tests-0123456');
});

/** A genuine chain of `n` v2 rows of one org, seq 10, 20, 30… (other chains fill the gaps). */
async function chain(n: number, start = { seq: 0, hash: AUDIT_GENESIS_HASH }) {
  const rows: AuditChainRow[] = [];
  let prev = start.hash;
  for (let i = 1; i <= n; i++) {
    const event = {
      id: `evt_${i}`,
      occurredAt: new Date(Date.UTC(2030, 0, i)),
      action: 'member.added',
      actorType: 'user',
      actorId: 'usr_1',
      targetType: 'user',
      targetId: `usr_${i + 1}`,
      orgId: 'org_a',
      ip: '203.0.113.9',
      userAgent: 'vitest',
      requestId: `req_${i}`,
      data: { roles: ['member'], i },
      schemaVersion: 2,
    };
    const hash = await auditEventMac(key, prev, event);
    rows.push({ ...event, seq: start.seq + i * 10, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const verify = (rows: AuditChainRow[], extra: { start?: { seq: number; hash: string } } = {}) =>
  verifyAuditChain(rows, { key, schemaVersion: 2, ...extra });

describe('verifyAuditChain', () => {
  it('accepts an intact chain and reports its length and head', async () => {
    const rows = await chain(4);
    expect(await verify(rows)).toEqual({ count: 4, head: rows[3]!.hash, break: null });
    expect(await verify([])).toEqual({ count: 0, head: AUDIT_GENESIS_HASH, break: null });
  });

  it('reads rows from an async stream as well', async () => {
    const rows = await chain(3);
    async function* stream() {
      yield* rows;
    }
    expect((await verifyAuditChain(stream(), { key, schemaVersion: 2 })).count).toBe(3);
  });

  it('names an edited row, in the middle or at the end', async () => {
    for (const index of [1, 3]) {
      const rows = await chain(4);
      rows[index] = { ...rows[index]!, data: { roles: ['owner'] } };
      const { break: found, count } = await verify(rows);
      expect(found).toMatchObject({
        reason: 'edited',
        seq: rows[index]!.seq,
        id: `evt_${index + 1}`,
      });
      expect(count).toBe(index);
    }
  });

  it('hashes the request id: changing it counts as an edit', async () => {
    const rows = await chain(3);
    rows[1] = { ...rows[1]!, requestId: 'req_other' };
    expect((await verify(rows)).break?.reason).toBe('edited');
  });

  it('names the row whose link broke, and the range, when rows were deleted', async () => {
    const rows = await chain(5);
    const { break: found } = await verify([rows[0]!, rows[3]!, rows[4]!]);
    expect(found).toMatchObject({
      reason: 'deleted',
      seq: 40,
      id: 'evt_4',
      missing: { afterSeq: 10, beforeSeq: 40 },
    });
    expect(found?.detail).toMatch(/between seq 10 and 40/);
    const head = await verify(rows.slice(2));
    expect(head.break).toMatchObject({ reason: 'deleted', seq: 30, missing: { afterSeq: 0 } });
  });

  it('names a forged row slid between two genuine ones', async () => {
    const rows = await chain(3);
    const forged: AuditChainRow = {
      ...rows[1]!,
      id: 'evt_forged',
      seq: 15,
      prevHash: rows[0]!.hash,
      hash: 'f'.repeat(64),
    };
    const { break: found } = await verify([rows[0]!, forged, rows[1]!, rows[2]!]);
    expect(found).toMatchObject({ reason: 'inserted', seq: 15, id: 'evt_forged' });
  });

  it('names a forged row appended with a hash computed without the key', async () => {
    const rows = await chain(2);
    const event = { ...rows[1]!, id: 'evt_forged', seq: 99, prevHash: rows[1]!.hash };
    for (const hash of [
      await auditEventHash(event.prevHash, event),
      await auditEventMac(await fallbackAuditKey(), event.prevHash, event),
    ]) {
      const { break: found } = await verify([...rows, { ...event, hash }]);
      expect(found).toMatchObject({ reason: 'inserted', seq: 99, id: 'evt_forged' });
      expect(found?.detail).toMatch(/without the audit key/);
    }
  });

  it('names a row whose prev_hash was changed as edited', async () => {
    const rows = await chain(3);
    rows[1] = { ...rows[1]!, prevHash: 'a'.repeat(64) };
    expect((await verify(rows)).break).toMatchObject({ reason: 'edited', id: 'evt_2' });
  });

  it('resumes from a checkpoint and refuses rows at or before it', async () => {
    const rows = await chain(4);
    const start = { seq: rows[1]!.seq, hash: rows[1]!.hash };
    expect(await verify(rows.slice(2), { start })).toMatchObject({ count: 2, break: null });
    expect((await verify(rows.slice(1), { start })).break).toMatchObject({
      reason: 'inserted',
      seq: rows[1]!.seq,
    });
  });

  it('fails every row under another key', async () => {
    const rows = await chain(2);
    const other = await deriveAuditKey('another-root-secret-entirely-0123456789');
    const report = await verifyAuditChain(rows, { key: other, schemaVersion: 2 });
    expect(report.break?.seq).toBe(10);
  });

  it('verifies legacy rows with the unkeyed v1 hash, and refuses one written after v2 began', async () => {
    const legacy: AuditChainRow[] = [];
    let prev = AUDIT_GENESIS_HASH;
    for (const [i, orgId] of [null, 'org_a', 'org_b'].entries()) {
      const event = {
        id: `evt_v1_${i}`,
        occurredAt: new Date(Date.UTC(2025, 0, i + 1)),
        action: 'org.created',
        actorType: 'user',
        actorId: 'usr_1',
        targetType: null,
        targetId: null,
        orgId,
        ip: null,
        userAgent: null,
        requestId: null,
        data: {},
        schemaVersion: 1,
      };
      const hash = await auditEventHash(prev, event);
      legacy.push({ ...event, seq: i + 1, prevHash: prev, hash });
      prev = hash;
    }
    const options = { schemaVersion: 1, closedAt: 3 };
    expect((await verifyAuditChain(legacy.slice(0, 2), options)).break).toBeNull();
    expect((await verifyAuditChain(legacy, options)).break).toMatchObject({
      reason: 'inserted',
      seq: 3,
    });
  });

  it('derives checkpoint ids that change with every field', async () => {
    const base = { chain: 'org_a', seq: 7, hash: 'b'.repeat(64) };
    const id = await checkpointId(key, base);
    expect(id).toMatch(/^ckp_[0-9a-f]{64}$/);
    expect(await checkpointId(key, { ...base, seq: 8 })).not.toBe(id);
    expect(await checkpointId(key, { ...base, chain: '' })).not.toBe(id);
    expect(await checkpointId(await fallbackAuditKey(), base)).not.toBe(id);
  });
});
