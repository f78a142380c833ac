import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, freshDatabaseUrl } from '../../test/drivers.js';
import { member, ok, orgOf, type Browser } from '../../test/tenancy-fixtures.js';
import { runMigrations } from '../adapters/store/migrations.js';
import { openDatabase } from '../adapters/store/open-store.js';
import { createDrizzleStore } from '../adapters/store/postgres-store.js';
import { deriveAuditKey, type AuditEventView } from '../domain/audit-chain.js';
import type { StorePort } from '../ports/store.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';

const SECRET = 'audit-http-test-secret-0123456789abcdef';
type Page = { events: AuditEventView[]; nextCursor: string | null };

describe.each(DRIVERS)('audit log over HTTP (%s)', (driver) => {
  let t: TestInstance;
  let store: StorePort;
  let owner: Browser;
  let orgId: string;
  let rival: Browser;
  let rivalOrgId: string;
  beforeAll(async () => {
    // Our own store, so the test can grant platform roles in SQL.
    const opened = await openDatabase({ databaseUrl: await freshDatabaseUrl(driver) });
    await runMigrations(opened.db);
    const auditKey = await deriveAuditKey(SECRET);
    store = createDrizzleStore(opened.db, opened.driver, opened.close, { auditKey });
    t = await createTestInstance({ store, secret: SECRET });
    owner = await member(t, 'auditor');
    orgId = (await orgOf(owner, 'Audited Org')).id;
    rival = await member(t, 'rival');
    rivalOrgId = (await orgOf(rival, 'Rival Org')).id;
    await owner.fetch(`/api/auth/orgs/${orgId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-audit-1' },
      body: JSON.stringify({ name: 'Audited Org, renamed' }),
    });
    await rival.client.orgs.update(rivalOrgId, { name: 'Rival Org, renamed' });
  });
  afterAll(async () => {
    await t?.close();
    await store?.close();
  });

  const get = (b: Browser, path: string) => b.fetch(`/api/auth${path}`);
  const page = async (b: Browser, path: string) => {
    const res = await get(b, path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Page;
  };
  const grant = (b: Browser, role: 'admin' | 'support') =>
    t.authkit.api.users.setPlatformRoles(b.userId, [role]);

  it("lists the org's events newest first, with actor, target and request context", async () => {
    const { events, nextCursor } = await page(owner, `/orgs/${orgId}/audit`);
    expect(nextCursor).toBeNull();
    expect(events.map((e) => e.action)).toEqual(['org.updated', 'org.created']);
    expect(events[0]).toMatchObject({
      orgId,
      actor: { type: 'user', id: owner.userId },
      target: { type: 'org', id: orgId },
      context: { requestId: 'req-audit-1', userAgent: 'catalyst-test', ip: '127.0.0.1' },
      data: { fields: ['name'] },
      schemaVersion: 2,
    });
    expect(events[0]!.seq).toBeGreaterThan(events[1]!.seq);
    expect(await store.audit.verify(orgId)).toMatchObject({ count: 2, break: null });
  });

  it('filters by action (with wildcards), actor, target and time', async () => {
    for (let i = 0; i < 3; i++)
      await store.audit.append(
        {
          action: 'key.issued',
          actorType: 'user',
          actorId: 'usr_k',
          targetType: 'key',
          targetId: `key_${i}`,
          orgId,
        },
        new Date(Date.UTC(2031, 0, i + 1)),
      );
    const actions = async (query: string) =>
      (await page(owner, `/orgs/${orgId}/audit?${query}`)).events.map((e) => e.action);
    expect(await actions('action=org.*')).toEqual(['org.updated', 'org.created']);
    expect(await actions('action=org.created')).toEqual(['org.created']);
    expect(await actions('action=*')).toHaveLength(5);
    expect(await actions('action=org.created,key.*')).toEqual([
      'key.issued',
      'key.issued',
      'key.issued',
      'org.created',
    ]);
    expect(await actions('action=org_*')).toEqual([]); // `_` is literal, not LIKE's wildcard
    expect(await actions(`actor=${owner.userId}`)).toEqual(['org.updated', 'org.created']);
    const targeted = await page(owner, `/orgs/${orgId}/audit?targetType=key&targetId=key_1`);
    expect(targeted.events.map((e) => e.target.id)).toEqual(['key_1']);
    const window = await page(
      owner,
      `/orgs/${orgId}/audit?since=2031-01-02T00:00:00Z&until=2031-01-03T00:00:00Z`,
    );
    expect(window.events.map((e) => e.target.id)).toEqual(['key_1']);
    const bad = await get(owner, `/orgs/${orgId}/audit?action=org.*;drop`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('action');
  });

  it('pages with an opaque cursor and answers 400 naming the field for a bad one', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Page = await page(
        owner,
        `/orgs/${orgId}/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(next.events.length).toBeLessThanOrEqual(2);
      seen.push(...next.events.map((e) => e.id));
      cursor = next.nextCursor;
    } while (cursor);
    const all = (await page(owner, `/orgs/${orgId}/audit?limit=100`)).events.map((e) => e.id);
    expect(seen).toEqual(all);
    for (const bad of ['not-a-cursor', btoa('seq:x'), 'a'.repeat(300)]) {
      const res = await get(owner, `/orgs/${orgId}/audit?cursor=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const body = await res.json();
      expect(body.field ?? body.errors?.[0]?.field).toBe('cursor');
    }
    const res = await get(owner, `/orgs/${orgId}/audit?cursor=not-a-cursor`);
    expect(await res.json()).toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
    expect((await get(owner, `/orgs/${orgId}/audit?limit=101`)).status).toBe(400);
  });

  it("never shows another org's events: outsiders get 404, members without audit:read 403", async () => {
    const rivalView = await page(rival, `/orgs/${rivalOrgId}/audit`);
    expect(rivalView.events.length).toBeGreaterThan(0);
    expect(rivalView.events.every((e) => e.orgId === rivalOrgId)).toBe(true);
    for (const path of [`/orgs/${orgId}/audit`, `/orgs/${orgId}/audit/export`]) {
      const res = await get(rival, path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('Audited Org');
    }
    // The admin filter is not available on org routes: the org in the path wins.
    const sneaky = await page(rival, `/orgs/${rivalOrgId}/audit?orgId=${orgId}`);
    expect(sneaky.events.every((e) => e.orgId === rivalOrgId)).toBe(true);

    const plain = await member(t, 'plain');
    ok(await owner.client.orgs.addMember(orgId, { userId: plain.userId, roles: ['member'] }));
    const refused = await get(plain, `/orgs/${orgId}/audit`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'forbidden' });
    expect((await get(plain, `/orgs/${orgId}/audit/export`)).status).toBe(403);
    expect((await t.newBrowser().fetch(`/api/auth/orgs/${orgId}/audit`)).status).toBe(401);
  });

  it('exports NDJSON and CSV as streamed downloads of the same filters', async () => {
    await store.audit.append(
      {
        action: 'test.csv',
        actorType: 'user',
        actorId: '+1',
        targetType: 'x',
        targetId: '@SUM(A1)',
        orgId,
        userAgent: '=HYPERLINK("http://evil","a,b")',
        data: { note: '-2+3' },
      },
      new Date(),
    );
    const res = await get(owner, `/orgs/${orgId}/audit/export?action=org.*`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="audit-${orgId}-\\d{4}-\\d{2}-\\d{2}\\.ndjson"$`),
    );
    expect(res.body).toBeInstanceOf(ReadableStream);
    const lines = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEventView);
    expect(lines.map((e) => e.action)).toEqual(['org.created', 'org.updated']); // oldest first

    const csv = await get(owner, `/orgs/${orgId}/audit/export?format=csv&action=test.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.csv"$/);
    const [header, row, end] = (await csv.text()).split('\r\n');
    expect(header).toBe(
      'id,seq,occurredAt,action,actorType,actorId,targetType,targetId,orgId,ip,userAgent,requestId,schemaVersion,data',
    );
    expect(end).toBe('');
    expect(row).toContain(`,'+1,x,'@SUM(A1),${orgId},,"'=HYPERLINK(""http://evil"",""a,b"")",,2,`);
    expect(row).toContain('"{""note"":""-2+3""}"');
  });

  it('serves /admin/audit to platform roles only, across orgs, with an org filter', async () => {
    const admin = await member(t, 'platform');
    expect((await get(admin, '/admin/audit')).status).toBe(403);
    expect((await get(admin, '/admin/audit/export')).status).toBe(403);
    await grant(admin, 'support'); // read-only, and reading is all this is
    const all = await page(admin, '/admin/audit?limit=100&action=org.*');
    expect(new Set(all.events.map((e) => e.orgId))).toEqual(new Set([orgId, rivalOrgId]));
    const one = await page(admin, `/admin/audit?orgId=${rivalOrgId}`);
    expect(one.events.every((e) => e.orgId === rivalOrgId)).toBe(true);
    const exported = await get(admin, `/admin/audit/export?format=csv&orgId=${rivalOrgId}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain(`audit-${rivalOrgId}-`);
    expect(
      (await exported.text())
        .split('\r\n')
        .slice(1, -1)
        .every((l) => l.includes(rivalOrgId)),
    ).toBe(true);
  });

  it('offers typed client calls and export URLs', async () => {
    const log = owner.client.audit.org(orgId);
    const listed = ok(await log.list({ action: ['org.*'], limit: 1 }));
    expect(listed.events).toHaveLength(1);
    expect(listed.nextCursor).toEqual(expect.any(String));
    const more = ok(await log.list({ action: 'org.*', cursor: listed.nextCursor! }));
    expect(more.events.map((e) => e.action)).toEqual(['org.created']);
    const url = log.exportUrl({ action: 'org.*', since: new Date('2000-01-01T00:00:00Z') }, 'csv');
    expect(url).toBe(
      `${t.baseUrl}/api/auth/orgs/${orgId}/audit/export?action=org.*&since=2000-01-01T00%3A00%3A00.000Z&format=csv`,
    );
    const res = await owner.fetch(url);
    expect(res.status).toBe(200);
    expect((await res.text()).split('\r\n')).toHaveLength(4); // header, two events, end
    expect(failedStatus(await rival.client.audit.org(orgId).list())).toBe(404);
    expect(failedStatus(await owner.client.audit.admin.list())).toBe(403);
  });
});

function failedStatus(result: { ok: boolean; error?: { status: number } }) {
  if (result.ok) throw new Error('expected the call to fail');
  return result.error!.status;
}
