import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, openTestStore } from '../../test/drivers.js';
import { newId } from '../domain/ids.js';
import type { StorePort } from '../ports/store.js';
import {
  AuditService,
  csvCell,
  decodeAuditCursor,
  encodeAuditCursor,
  pruneAuditLog,
} from './audit-service.js';

describe('audit export cells and cursors', () => {
  it('neutralizes cells a spreadsheet would run as formulas, and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('round-trips cursors and refuses any it did not issue, naming the field', () => {
    expect(decodeAuditCursor(encodeAuditCursor(123_456))).toBe(123_456);
    expect(encodeAuditCursor(7)).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const bad of [
      'nope!',
      btoa('seq:abc'),
      btoa('seq:0'),
      btoa('seq:-1'),
      'x'.repeat(80),
      '',
    ]) {
      expect(() => decodeAuditCursor(bad)).toThrow(
        expect.objectContaining({ code: 'invalid_cursor', field: 'cursor', status: 400 }),
      );
    }
  });
});

describe.each(DRIVERS)('audit service over the store (%s)', (driver) => {
  let store: StorePort;
  let clock: { now: () => Date };
  let ownerId: string;
  let orgId: string;
  beforeAll(async () => {
    store = await openTestStore(driver);
    clock = { now: () => new Date('2030-06-01T00:00:00.000Z') };
    ownerId = newId('usr');
    await store.users.create({
      id: ownerId,
      email: `${ownerId}@example.test`,
      name: null,
      passwordHash: null,
    });
    orgId = newId('org');
    await store.orgs.create(
      {
        id: orgId,
        slug: orgId.replace('_', '-'),
        name: 'Export Org',
        ownerId,
        profile: {},
        settings: {},
      },
      ['owner'],
    );
  });
  afterAll(() => store?.close());

  const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

  it('streams an export page by page, oldest first, only the org’s events', async () => {
    const other = newId('org');
    const mine: string[] = [];
    for (let i = 0; i < 1203; i++) {
      const row = await store.audit.append(
        {
          action: 'test.export',
          actorType: 'system',
          orgId: i % 100 === 0 ? other : orgId,
          data: { i },
        },
        clock.now(),
      );
      if (row.orgId === orgId) mine.push(row.id);
    }
    const service = new AuditService(
      store,
      clock,
      async (id) => (await store.users.findById(id))?.platformRoles ?? [],
    );
    const stream = await service.exportOrg(orgId, ownerId, { action: 'test.*' }, 'ndjson');
    const reader = stream.getReader();
    const first = await reader.read();
    // Written after the export began: not part of it.
    await store.audit.append({ action: 'test.export', actorType: 'system', orgId }, clock.now());
    let text = new TextDecoder().decode(first.value);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += new TextDecoder().decode(chunk.value);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; orgId: string });
    expect(lines.map((l) => l.id)).toEqual(mine);
    expect(new Set(lines.map((l) => l.orgId))).toEqual(new Set([orgId]));

    const csv = await read(
      await service.exportOrg(orgId, ownerId, { action: 'nothing.matches' }, 'csv'),
    );
    expect(csv).toBe(
      'id,seq,occurredAt,action,actorType,actorId,targetType,targetId,orgId,ip,userAgent,requestId,schemaVersion,data\r\n',
    );
  });

  it('prunes by auditRetentionDays, and not at all when it is unset', async () => {
    const pruneOrg = newId('org');
    await store.audit.append(
      { action: 'test.old', actorType: 'system', orgId: pruneOrg },
      new Date('2030-01-01T00:00:00Z'),
    );
    await store.audit.append(
      { action: 'test.new', actorType: 'system', orgId: pruneOrg },
      new Date('2030-05-30T00:00:00Z'),
    );
    expect(await pruneAuditLog(store, clock, {})).toEqual([]);
    const results = await new AuditService(
      store,
      clock,
      async (id) => (await store.users.findById(id))?.platformRoles ?? [],
    ).prune(30);
    expect(results.find((r) => r.chain === pruneOrg)).toMatchObject({ deleted: 1 });
    expect(await store.audit.verify(pruneOrg)).toMatchObject({ count: 1, break: null });
  });
});
