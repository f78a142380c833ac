import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';

type Browser = ReturnType<TestInstance['newBrowser']>;
let slugs = 0;
const slug = (tag = 'acme') => `${tag}-${Date.now().toString(36)}-${slugs++}`;

describe.each(DRIVERS)('orgs (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, { maxOrgsPerUser: 3 });
  });
  afterAll(() => t.close());

  async function user(): Promise<Browser> {
    const browser = t.newBrowser();
    const up = await browser.client.signUp({ email: uniqueEmail('org'), password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    return browser;
  }

  const post = (browser: Browser, path: string, body: unknown, method = 'POST') =>
    browser.fetch(`/api/auth${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('creates an org with its owner, reads it, lists it with the caller’s roles', async () => {
    const owner = await user();
    const created = await owner.client.orgs.create({
      name: 'Acme Inc',
      slug: slug().toUpperCase(),
      profile: { website: 'https://acme.example', brandColors: { primary: '#112233' } },
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data).toMatchObject({ name: 'Acme Inc', status: 'active', roles: ['owner'] });
    expect(created.data.slug).toBe(created.data.slug.toLowerCase());
    const read = await owner.client.orgs.get(created.data.id);
    expect(read.ok && read.data.profile.website).toBe('https://acme.example');
    const list = await owner.client.orgs.list();
    expect(list.ok && list.data.orgs.map((o) => o.id)).toEqual([created.data.id]);
    const events = await (await t.authkit.api.store()).audit.list({ limit: 1 });
    expect(events[0]).toMatchObject({ action: 'org.created', orgId: created.data.id });
  });

  it('answers a non-member exactly like an unknown org, leaking nothing of it', async () => {
    const owner = await user();
    const stranger = await user();
    const org = await owner.client.orgs.create({ name: 'Secret Co', slug: slug('secret') });
    if (!org.ok) throw new Error(org.error.message);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await stranger.fetch(`/api/auth/orgs/${org.data.id}`, {
        method,
        ...(body
          ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
          : {}),
      });
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('Secret Co');
      expect(text).not.toContain(org.data.slug);
      const unknown = await stranger.fetch('/api/auth/orgs/org_doesnotexist', { method: 'GET' });
      expect(await unknown.json()).toEqual(
        JSON.parse(text.replace(org.data.id, 'org_doesnotexist')),
      );
    }
    const still = await owner.client.orgs.get(org.data.id);
    expect(still.ok && still.data.name).toBe('Secret Co');
  });

  it('updates the profile and settings, recording the changed fields', async () => {
    const owner = await user();
    const org = await owner.client.orgs.create({ name: 'Beta', slug: slug('beta') });
    if (!org.ok) throw new Error(org.error.message);
    const updated = await owner.client.orgs.update(org.data.id, {
      name: 'Beta GmbH',
      settings: { theme: 'dark' },
    });
    expect(updated.ok && updated.data).toMatchObject({
      name: 'Beta GmbH',
      settings: { theme: 'dark' },
    });
    const events = await (await t.authkit.api.store()).audit.list({ limit: 1 });
    expect(events[0]).toMatchObject({
      action: 'org.updated',
      data: { fields: ['name', 'settings'] },
    });
  });

  it('soft-deletes: the org is gone for its members and its slug stays reserved', async () => {
    const owner = await user();
    const taken = slug('gone');
    const org = await owner.client.orgs.create({ name: 'Gone', slug: taken });
    if (!org.ok) throw new Error(org.error.message);
    expect((await owner.client.orgs.delete(org.data.id)).ok).toBe(true);
    const read = await owner.client.orgs.get(org.data.id);
    expect(!read.ok && read.error.status).toBe(404);
    const list = await owner.client.orgs.list();
    expect(list.ok && list.data.orgs).toEqual([]);
    const again = await (await user()).client.orgs.create({ name: 'Squatter', slug: taken });
    expect(!again.ok && again.error).toMatchObject({ code: 'slug_taken', field: 'slug' });
  });

  it('pages through my orgs with a cursor and enforces the per-user maximum', async () => {
    const owner = await user();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const org = await owner.client.orgs.create({ name: `Org ${i}`, slug: slug('page') });
      if (!org.ok) throw new Error(org.error.message);
      ids.push(org.data.id);
    }
    const fourth = await owner.client.orgs.create({ name: 'One too many', slug: slug('page') });
    expect(!fourth.ok && fourth.error).toMatchObject({ code: 'org_limit_reached', status: 403 });
    const first = await owner.client.orgs.list({ limit: 2 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.data.orgs).toHaveLength(2);
    const second = await owner.client.orgs.list({ limit: 2, cursor: first.data.nextCursor! });
    expect(second.ok && second.data.nextCursor).toBeNull();
    const all = [...first.data.orgs, ...(second.ok ? second.data.orgs : [])].map((o) => o.id);
    expect(all.sort()).toEqual([...ids].sort());
  });

  it.each([
    ['a duplicate slug', 'dup', 409, 'slug_taken', 'slug'],
    ['a malformed slug', { slug: 'Not A Slug!' }, 400, 'invalid_request', 'slug'],
    ['a reserved slug', { slug: 'admin' }, 409, 'slug_taken', 'slug'],
    ['a control character in the name', { name: 'Evil\u0000Corp' }, 400, 'invalid_request', 'name'],
    [
      'an oversized settings object',
      { settings: { blob: 'x'.repeat(9000) } },
      400,
      'invalid_request',
      'settings',
    ],
    [
      'a control character deep in settings',
      { settings: { a: ['ok', 'b\u001b'] } },
      400,
      'invalid_request',
      'settings',
    ],
    [
      'a non-http logo URL',
      { profile: { logoUrl: 'javascript:alert(1)' } },
      400,
      'invalid_request',
      'profile.logoUrl',
    ],
    ['an unknown profile field', { profile: { ceo: 'x' } }, 400, 'invalid_request', 'profile'],
    [
      'a bad brand colour',
      { profile: { brandColors: { primary: 'red' } } },
      400,
      'invalid_request',
      'profile.brandColors.primary',
    ],
  ] as const)(
    'refuses %s with a problem naming the field, writing nothing',
    async (_, override, status, code, field) => {
      const browser = await user();
      const base = { name: 'Valid', slug: slug('bad') };
      if (override === 'dup') {
        const first = await browser.client.orgs.create(base);
        expect(first.ok).toBe(true);
      }
      const before = await browser.client.orgs.list();
      const res = await post(
        browser,
        '/orgs',
        override === 'dup' ? base : { ...base, ...override },
      );
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as {
        code: string;
        field?: string;
        errors?: Array<{ field: string }>;
      };
      expect(body.code).toBe(code);
      expect([body.field, ...(body.errors ?? []).map((e) => e.field)]).toContain(field);
      const after = await browser.client.orgs.list();
      expect(after.ok && after.data.orgs.length).toBe(before.ok && before.data.orgs.length);
    },
  );

  it('requires sign-in', async () => {
    const res = await post(t.newBrowser(), '/orgs', { name: 'Anon', slug: slug('anon') });
    expect(res.status).toBe(401);
  });
});

describe('orgs client: members', () => {
  it('lists, adds, updates and removes members through the typed client', async () => {
    const t = await instanceOn('pglite');
    try {
      const owner = t.newBrowser();
      await owner.client.signUp({ email: uniqueEmail('cli'), password: PASSWORD });
      const other = t.newBrowser();
      const up = await other.client.signUp({ email: uniqueEmail('cli'), password: PASSWORD });
      if (!up.ok) throw new Error(up.error.message);
      const org = await owner.client.orgs.create({ name: 'Client Co', slug: slug('client') });
      if (!org.ok) throw new Error(org.error.message);
      const added = await owner.client.orgs.addMember(org.data.id, {
        userId: up.data.user.id,
        roles: ['member'],
      });
      expect(added.ok && added.data.roles).toEqual(['member']);
      const updated = await owner.client.orgs.updateMember(org.data.id, up.data.user.id, {
        roles: ['admin'],
        labelsDelta: ['team:blue'],
      });
      expect(updated.ok && updated.data).toMatchObject({
        roles: ['admin'],
        labelsDelta: ['team:blue'],
      });
      const list = await other.client.orgs.listMembers(org.data.id, { limit: 10 });
      expect(list.ok && list.data.members.map((m) => m.roles[0]).sort()).toEqual([
        'admin',
        'owner',
      ]);
      expect((await other.client.orgs.removeMember(org.data.id, up.data.user.id)).ok).toBe(true);
      const gone = await other.client.orgs.get(org.data.id);
      expect(!gone.ok && gone.error.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
