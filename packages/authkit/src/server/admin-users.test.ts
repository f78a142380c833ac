import { decodeJwt } from 'jose';
import { createAdminClient } from '../client/admin-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, manualClock, uniqueEmail } from '../../test/instances.js';

const ADMIN = { email: 'root-admin@example.com', password: 'root admin password 1' };

describe.each(DRIVERS)('admin users API (%s)', (driver) => {
  let t: TestInstance;
  const clock = manualClock();
  beforeAll(async () => {
    t = await instanceOn(driver, { adminEmail: ADMIN.email, adminPassword: ADMIN.password, clock });
  });
  afterAll(() => t.close());

  let ip = 0;
  // Each browser its own address: the per-IP sign-in limit (10/min) is not under test here.
  const browserAt = () => t.newBrowser({ ip: `10.9.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}` });
  async function signedIn(tag: string, name?: string) {
    const browser = browserAt();
    const email = uniqueEmail(tag);
    const up = await browser.client.signUp({
      email,
      password: PASSWORD,
      ...(name ? { name } : {}),
    });
    if (!up.ok) throw new Error(up.error.message);
    return { ...browser, email, id: up.data.user.id };
  }
  async function admin() {
    const browser = browserAt();
    const res = await browser.client.signIn(ADMIN);
    if (!res.ok) throw new Error(res.error.message);
    if (!('user' in res.data)) throw new Error('admin needs no second factor here');
    return { ...browser, id: res.data.user.id };
  }
  const send = (b: { fetch: typeof fetch }, method: string, path: string, body?: unknown) =>
    b.fetch(`/api/auth${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

  it('seeds the platform admin from adminEmail/adminPassword and shows roles in /session', async () => {
    const a = await admin();
    const session = await json<{ platformRoles: string[]; impersonator: unknown }>(
      await send(a, 'GET', '/session'),
    );
    expect(session.platformRoles).toEqual(['admin']);
    expect(session.impersonator).toBeNull();
  });

  it('searches by substring, exact email and id, filters and pages with keyset cursors', async () => {
    const a = await admin();
    const tag = `zq${Date.now().toString(36)}`;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await signedIn(`${tag}-${i}`, `Person ${tag} ${i}`));
    const byName = await json<{ users: Array<{ id: string }> }>(
      await send(a, 'GET', `/admin/users?q=${encodeURIComponent(`person ${tag}`)}`),
    );
    expect(byName.users.map((u) => u.id).sort()).toEqual(made.map((m) => m.id).sort());
    const exact = await json<{ users: Array<{ id: string }> }>(
      await send(
        a,
        'GET',
        `/admin/users?email=${encodeURIComponent(made[2]!.email.toUpperCase())}`,
      ),
    );
    expect(exact.users.map((u) => u.id)).toEqual([made[2]!.id]);
    const byId = await json<{ users: Array<{ id: string }> }>(
      await send(a, 'GET', `/admin/users?q=${made[3]!.id}`),
    );
    expect(byId.users.map((u) => u.id)).toEqual([made[3]!.id]);
    // A LIKE wildcard is a literal character, not "anything".
    const wildcard = await json<{ users: unknown[] }>(
      await send(a, 'GET', `/admin/users?q=${tag}%25`),
    );
    expect(wildcard.users).toEqual([]);

    for (const sort of ['email', '-email', 'created', '-created', 'lastActive', '-lastActive']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const qs = `q=${tag}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { users: Array<{ id: string; email: string }>; nextCursor: string | null } =
          await json(await send(a, 'GET', `/admin/users?${qs}`));
        seen.push(...page.users.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(5);
      expect(seen.length, sort).toBe(5);
    }
    const emails = await json<{ users: Array<{ email: string }> }>(
      await send(a, 'GET', `/admin/users?q=${tag}&sort=-email`),
    );
    expect(emails.users.map((u) => u.email)).toEqual(
      made
        .map((m) => m.email)
        .sort()
        .reverse(),
    );

    const first = await json<{ nextCursor: string }>(
      await send(a, 'GET', `/admin/users?q=${tag}&sort=email&limit=1`),
    );
    const wrongSort = await send(a, 'GET', `/admin/users?sort=created&cursor=${first.nextCursor}`);
    expect(wrongSort.status).toBe(400);
    expect((await json(wrongSort)).code).toBe('invalid_cursor');
    const garbage = await send(a, 'GET', '/admin/users?cursor=bm9wZQ');
    expect((await json(garbage)).code).toBe('invalid_cursor');
    const badDate = await send(a, 'GET', '/admin/users?createdAfter=yesterday');
    expect(badDate.status).toBe(400);
    expect((await json(badDate)).field).toBe('createdAfter');
  });

  it('edits labels and filters by label, org and platform role', async () => {
    const a = await admin();
    const u = await signedIn('labelled');
    const edited = await send(a, 'PATCH', `/admin/users/${u.id}`, { labels: ['vip', 'beta'] });
    expect(edited.status).toBe(200);
    expect((await json(edited)).labels).toEqual(['beta', 'vip']);
    const vip = await json<{ users: Array<{ id: string }> }>(
      await send(a, 'GET', '/admin/users?label=vip'),
    );
    expect(vip.users.map((x) => x.id)).toContain(u.id);
    const org = await u.client.orgs.create({ name: 'L Org', slug: `l-${Date.now().toString(36)}` });
    if (!org.ok) throw new Error(org.error.message);
    const members = await json<{ users: Array<{ id: string }> }>(
      await send(a, 'GET', `/admin/users?orgId=${org.data.id}`),
    );
    expect(members.users.map((x) => x.id)).toEqual([u.id]);
    const admins = await json<{ users: Array<{ email: string }> }>(
      await send(a, 'GET', '/admin/users?platformRole=admin'),
    );
    expect(admins.users.map((x) => x.email)).toEqual([ADMIN.email]);
    const detail = await json<{
      memberships: Array<{ orgId: string }>;
      events: Array<{ action: string }>;
    }>(await send(a, 'GET', `/admin/users/${u.id}`));
    expect(detail.memberships.map((m) => m.orgId)).toEqual([org.data.id]);
    expect(detail.events.map((e) => e.action)).toContain('user.updated');
    // Control characters and oversized labels are refused with the field, and nothing changes.
    const bad = await send(a, 'PATCH', `/admin/users/${u.id}`, { labels: ['ok', 'bad\u0000'] });
    expect(bad.status).toBe(400);
    expect((await json(bad)).field).toMatch(/^labels/);
  });

  it('a ban ends the open session at /session at once and refuses sign-in with user_banned', async () => {
    const a = await admin();
    const u = await signedIn('banned');
    const ban = await send(a, 'POST', `/admin/users/${u.id}/ban`, { reason: 'spam' });
    expect(ban.status).toBe(200);
    expect((await json<{ ban: { reason: string } }>(ban)).ban.reason).toBe('spam');
    const session = await u.client.getSession();
    expect(session.ok && session.data.user).toBeNull();
    const again = browserAt();
    const refused = await again.client.signIn({ email: u.email, password: PASSWORD });
    expect(!refused.ok && refused.error.code).toBe('user_banned');
    const wrongPassword = await again.client.signIn({
      email: u.email,
      password: 'wrong password x',
    });
    expect(!wrongPassword.ok && wrongPassword.error.code).toBe('invalid_credentials');
    const banned = await json<{ users: Array<{ id: string }> }>(
      await send(a, 'GET', '/admin/users?banned=true'),
    );
    expect(banned.users.map((x) => x.id)).toContain(u.id);
    expect((await send(a, 'DELETE', `/admin/users/${u.id}/ban`)).status).toBe(200);
    const back = await again.client.signIn({ email: u.email, password: PASSWORD });
    expect(back.ok).toBe(true);
    // A ban that ends lets the user back in by itself.
    const until = new Date(clock.now().getTime() + 3600_000).toISOString();
    await send(a, 'POST', `/admin/users/${u.id}/ban`, { reason: null, expiresAt: until });
    expect((await again.client.signIn({ email: u.email, password: PASSWORD })).ok).toBe(false);
    clock.advance(3601);
    expect((await browserAt().client.signIn({ email: u.email, password: PASSWORD })).ok).toBe(true);
    await a.client.getSession(); // the admin's 5-minute access token has expired: refresh it
    const past = await send(a, 'POST', `/admin/users/${u.id}/ban`, {
      expiresAt: '2000-01-01T00:00:00Z',
    });
    const pastBody = await json(past);
    expect(pastBody, JSON.stringify(pastBody)).toMatchObject({ field: 'expiresAt' });
    expect((await send(a, 'POST', `/admin/users/${a.id}/ban`, {})).status).toBe(403);
  });

  it('impersonates with an act claim, audits start and stop, expires, and refuses admins', async () => {
    const a = await admin();
    const u = await signedIn('imp');
    const start = await send(a, 'POST', `/admin/users/${u.id}/impersonation`);
    expect(start.status).toBe(200);
    const payload = await json<{ user: { id: string }; impersonator: { email: string } }>(start);
    expect(payload.user.id).toBe(u.id);
    expect(payload.impersonator.email).toBe(ADMIN.email);
    const claims = decodeJwt(a.jar.get('catalyst_access')!);
    expect(claims.sub).toBe(u.id);
    expect(claims.act).toEqual({ sub: a.id });
    const seen = await json<{ user: { id: string }; impersonator: { id: string } }>(
      await send(a, 'GET', '/session'),
    );
    expect(seen.impersonator.id).toBe(a.id);
    // While impersonating, the admin is the user: /admin is closed.
    expect((await send(a, 'GET', '/admin/users')).status).toBe(403);
    const stop = await send(a, 'DELETE', '/session/impersonation');
    const back = await json<{ user: { id: string }; impersonator: unknown }>(stop);
    expect(back.user.id).toBe(a.id);
    expect(back.impersonator).toBeNull();
    expect(decodeJwt(a.jar.get('catalyst_access')!).act).toBeUndefined();
    const events = await json<{ events: Array<{ action: string; actor: { id: string } }> }>(
      await send(a, 'GET', `/admin/audit?targetId=${u.id}&action=user.impersonation_*`),
    );
    expect(events.events.map((e) => e.action)).toEqual([
      'user.impersonation_stopped',
      'user.impersonation_started',
    ]);
    expect(events.events.every((e) => e.actor.id === a.id)).toBe(true);

    // One hour, then the impersonation session is over.
    await send(a, 'POST', `/admin/users/${u.id}/impersonation`);
    clock.advance(3601);
    const expired = await a.client.getSession();
    expect(expired.ok && expired.data.user).toBeNull();

    const other = await admin();
    const support = await signedIn('sup');
    await t.authkit.api.users.setPlatformRoles(support.email, ['support']);
    const refused = await send(other, 'POST', `/admin/users/${support.id}/impersonation`);
    expect(refused.status).toBe(403);
    expect((await json(refused)).code).toBe('impersonation_forbidden');
    const notImpersonating = await send(other, 'DELETE', '/session/impersonation');
    expect(notImpersonating.status).toBe(400);
  });

  it('takes a demotion into account on the very next request, though the role was cached', async () => {
    const a = await admin();
    const staff = await signedIn('staff');
    expect(
      (await send(a, 'PUT', `/admin/users/${staff.id}/platform-roles`, { roles: ['admin'] }))
        .status,
    ).toBe(200);
    // Warm: the role is now in the record cache, as /session and each /admin call read it.
    expect((await send(staff, 'GET', '/admin/users?limit=1')).status).toBe(200);
    expect((await send(staff, 'PATCH', `/admin/users/${a.id}`, { labels: ['x'] })).status).toBe(
      200,
    );
    await send(a, 'PUT', `/admin/users/${staff.id}/platform-roles`, { roles: ['support'] });
    expect((await send(staff, 'PATCH', `/admin/users/${a.id}`, { labels: [] })).status).toBe(403);
    expect((await send(staff, 'GET', '/admin/users?limit=1')).status).toBe(200);
    await t.authkit.api.users.setPlatformRoles(staff.id, []);
    expect((await send(staff, 'GET', '/admin/users?limit=1')).status).toBe(403);
    const session = await json<{ platformRoles: string[] }>(await send(staff, 'GET', '/session'));
    expect(session.platformRoles).toEqual([]);
    await send(a, 'PATCH', `/admin/users/${a.id}`, { labels: [] });
  });

  it('keeps the last admin, refuses deleting an org owner, deletes others and runs bulk actions', async () => {
    const a = await admin();
    const demote = await send(a, 'PUT', `/admin/users/${a.id}/platform-roles`, { roles: [] });
    expect(demote.status).toBe(409);
    expect((await json(demote)).code).toBe('last_admin');
    const owner = await signedIn('owner');
    const org = await owner.client.orgs.create({
      name: 'Owned',
      slug: `owned-${Date.now().toString(36)}`,
    });
    if (!org.ok) throw new Error(org.error.message);
    const ownerDelete = await send(a, 'DELETE', `/admin/users/${owner.id}`);
    expect((await json(ownerDelete)).code).toBe('owns_orgs');
    // Refused before anything changed: the owner is still signed in.
    const still = await owner.client.getSession();
    expect(still.ok && still.data.user?.id).toBe(owner.id);
    // Once the org is deleted it no longer holds its owner back; the admin inherits the record.
    expect((await owner.client.orgs.delete(org.data.id)).ok).toBe(true);
    expect((await send(a, 'DELETE', `/admin/users/${owner.id}`)).status).toBe(204);
    const events = await json<{ events: Array<{ data: Record<string, unknown> }> }>(
      await send(a, 'GET', `/admin/audit?targetId=${owner.id}&action=user.deleted`),
    );
    expect(events.events[0]!.data.deletedOrgsHandedOver).toEqual([org.data.id]);
    const gone = await signedIn('gone');
    expect((await send(a, 'DELETE', `/admin/users/${gone.id}`)).status).toBe(204);
    expect((await send(a, 'GET', `/admin/users/${gone.id}`)).status).toBe(404);
    const session = await gone.client.getSession();
    expect(session.ok && session.data.user).toBeNull();

    const x = await signedIn('bulk');
    const y = await signedIn('bulk');
    const bulk = await send(a, 'POST', '/admin/users/bulk', {
      action: 'ban',
      userIds: [x.id, a.id, y.id],
      reason: 'bulk',
    });
    const { results } = await json<{
      results: Array<{ userId: string; ok: boolean; code?: string }>;
    }>(bulk);
    expect(results).toEqual([
      { userId: x.id, ok: true },
      { userId: a.id, ok: false, code: 'forbidden' },
      { userId: y.id, ok: true },
    ]);
    const label = await send(a, 'POST', '/admin/users/bulk', {
      action: 'label',
      userIds: [x.id, y.id],
      addLabels: ['flagged'],
    });
    expect(
      (await json<{ results: Array<{ ok: boolean }> }>(label)).results.every((r) => r.ok),
    ).toBe(true);
    const flagged = await json<{ users: Array<{ id: string }> }>(
      await send(a, 'GET', '/admin/users?label=flagged'),
    );
    expect(flagged.users.map((u) => u.id).sort()).toEqual([x.id, y.id].sort());
    const tooMany = await send(a, 'POST', '/admin/users/bulk', {
      action: 'unban',
      userIds: Array.from({ length: 101 }, (_, i) => `usr_${i}`),
    });
    expect((await json(tooMany)).field).toBe('userIds');
  });

  it('signs a user out everywhere and sends a reset link', async () => {
    const a = await admin();
    const u = await signedIn('out');
    const res = await send(a, 'DELETE', `/admin/users/${u.id}/sessions`);
    expect(await json(res)).toEqual({ sessions: 1 });
    const session = await u.client.getSession();
    expect(session.ok && session.data.user).toBeNull();
    expect((await send(a, 'POST', `/admin/users/${u.id}/password-reset`)).status).toBe(204);
    expect((await send(a, 'DELETE', `/admin/users/${u.id}/mfa`)).status).toBe(204);
    const detail = await json<{ events: Array<{ action: string }> }>(
      await send(a, 'GET', `/admin/users/${u.id}`),
    );
    expect(detail.events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'user.sessions_revoked',
        'user.password_reset_sent',
        'user.mfa_reset',
      ]),
    );
  });

  it('createAdminClient: lists, impersonates and stops, updating the session store', async () => {
    const a = await admin();
    const u = await signedIn('client');
    const adminApi = createAdminClient(a.client);
    const list = await adminApi.users.list({ email: u.email });
    expect(list.ok && list.data.users.map((x) => x.id)).toEqual([u.id]);
    await a.client.getSession();
    const imp = await adminApi.users.impersonate(u.id);
    expect(imp.ok && imp.data.impersonator?.id).toBe(a.id);
    expect(a.client.session.getSnapshot().data?.user.id).toBe(u.id);
    const stop = await adminApi.stopImpersonating();
    expect(stop.ok).toBe(true);
    expect(a.client.session.getSnapshot().data?.user.id).toBe(a.id);
    const denied = await createAdminClient(u.client).users.list();
    expect(!denied.ok && denied.error.code).toBe('forbidden');
  });

  it("stops a banned user's API keys at the exchange, and lets them work again after unban", async () => {
    const a = await admin();
    const u = await signedIn('keys');
    const created = await u.client.keys.create({ name: 'ci' });
    if (!created.ok) throw new Error(created.error.message);
    const secret = created.data.secret;
    const anon = browserAt().client;
    expect((await anon.keys.exchange(secret)).ok).toBe(true);
    await send(a, 'POST', `/admin/users/${u.id}/ban`, { reason: 'stolen laptop' });
    const refused = await anon.keys.exchange(secret);
    expect(!refused.ok && refused.error.code).toBe('invalid_grant');
    await send(a, 'DELETE', `/admin/users/${u.id}/ban`);
    expect((await anon.keys.exchange(secret)).ok).toBe(true);
  });
});
