import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';

describe.each(DRIVERS)('credentials over HTTP (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver);
  });
  afterAll(() => t.close());

  const post = (
    path: string,
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) =>
    t
      .newBrowser({
        ip: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      })
      .fetch(`/api/auth${path}`, {
        method: 'POST',
        headers,
        body,
      });

  const counts = async () => {
    const store = await t.authkit.api.store();
    return {
      users: await store.users.count(),
      audit: (await store.audit.list({ limit: 10_000 })).length,
    };
  };

  it('signs up, reads the session, signs out, signs in again', async () => {
    const email = uniqueEmail();
    const up = await t.client.signUp({
      email: email.toUpperCase(),
      password: PASSWORD,
      name: ' Ada ',
    });
    expect(up.ok).toBe(true);
    if (!up.ok) return;
    expect(up.data.user.email).toBe(email);
    expect(up.data.user.name).toBe('Ada');
    expect(t.jar.get('catalyst_access')).toBeTruthy();
    expect(t.jar.get('catalyst_refresh')).toBeTruthy();

    const session = await t.client.getSession();
    expect(session.ok && session.data.user?.id).toBe(up.data.user.id);
    expect(t.client.session.getSnapshot().status).toBe('authenticated');

    expect((await t.client.signOut()).ok).toBe(true);
    expect(t.jar.get('catalyst_access')).toBeUndefined();
    const after = await t.client.getSession();
    expect(after.ok && after.data).toEqual({ user: null, session: null });
    expect(t.client.session.getSnapshot().status).toBe('unauthenticated');

    const back = await t.client.signIn({ email, password: PASSWORD });
    expect(back.ok && 'user' in back.data && back.data.user.id).toBe(up.data.user.id);
  });

  it('sets HttpOnly SameSite=Lax cookies on the right paths', async () => {
    const res = await post(
      '/sign-up',
      JSON.stringify({ email: uniqueEmail(), password: PASSWORD }),
    );
    expect(res.status).toBe(201);
    const cookies = res.headers.getSetCookie();
    const access = cookies.find((c) => c.startsWith('catalyst_access='))!;
    const refresh = cookies.find((c) => c.startsWith('catalyst_refresh='))!;
    expect(access).toMatch(/HttpOnly/);
    expect(access).toMatch(/SameSite=Lax/);
    expect(access).toMatch(/Path=\/(;|$)/);
    expect(refresh).toMatch(/Path=\/api\/auth/);
    expect(access).not.toMatch(/Secure/); // plain http in this test
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const email = uniqueEmail();
    await post('/sign-up', JSON.stringify({ email, password: PASSWORD }));
    const unknown = await post(
      '/sign-in',
      JSON.stringify({ email: uniqueEmail('nobody'), password: PASSWORD }),
    );
    const wrong = await post('/sign-in', JSON.stringify({ email, password: 'not the password' }));
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
    expect(await unknown.text()).toBe(await wrong.text());
    expect(unknown.headers.getSetCookie()).toEqual([]);
  });

  it('rate-limits sign-in per IP with 429 and Retry-After', async () => {
    const browser = t.newBrowser({ ip: '203.0.113.77' });
    const attempt = (i: number) =>
      browser.fetch('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `probe-${i}@example.com`, password: 'wrong password' }),
      });
    for (let i = 0; i < 10; i++) expect((await attempt(i)).status).toBe(401);
    const limited = await attempt(10);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).code).toBe('rate_limited');
    // Another IP is unaffected.
    const other = await t
      .newBrowser({ ip: '203.0.113.78' })
      .client.signIn({ email: 'probe-0@example.com', password: 'x' });
    expect(!other.ok && other.error.status).toBe(401);
  });

  it('rate-limits sign-in per email across IPs (30/min)', async () => {
    const email = uniqueEmail('target');
    for (let i = 0; i < 30; i++) {
      const r = await t
        .newBrowser({ ip: `198.51.100.${i}` })
        .client.signIn({ email, password: 'wrong password' });
      expect(!r.ok && r.error.status).toBe(401);
    }
    const r = await t
      .newBrowser({ ip: '198.51.100.200' })
      .client.signIn({ email, password: 'wrong password' });
    expect(!r.ok && r.error.code).toBe('rate_limited');
    expect(!r.ok && r.error.retryAfter).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['malformed JSON', '/sign-up', '{"email": ', 'malformed_json', '(body)'],
    [
      'missing email',
      '/sign-up',
      JSON.stringify({ password: PASSWORD }),
      'invalid_request',
      'email',
    ],
    [
      'invalid email',
      '/sign-up',
      JSON.stringify({ email: 'not-an-email', password: PASSWORD }),
      'invalid_request',
      'email',
    ],
    [
      'missing password',
      '/sign-up',
      JSON.stringify({ email: 'ok@example.com' }),
      'invalid_request',
      'password',
    ],
    [
      'password of wrong type',
      '/sign-up',
      JSON.stringify({ email: 'ok2@example.com', password: 12345678 }),
      'invalid_request',
      'password',
    ],
    [
      'short password',
      '/sign-up',
      JSON.stringify({ email: 'ok3@example.com', password: 'short' }),
      'weak_password',
      'password',
    ],
    [
      'name too long',
      '/sign-up',
      JSON.stringify({ email: 'ok4@example.com', password: PASSWORD, name: 'x'.repeat(500) }),
      'invalid_request',
      'name',
    ],
    [
      'sign-in without password',
      '/sign-in',
      JSON.stringify({ email: 'ok@example.com' }),
      'invalid_request',
      'password',
    ],
    ['JSON array body', '/sign-up', '[]', 'invalid_request', '(body)'],
    [
      'change-password without newPassword',
      '/change-password',
      JSON.stringify({ currentPassword: PASSWORD }),
      'invalid_request',
      'newPassword',
    ],
  ])(
    'rejects %s with a 400 problem naming the field, writing nothing',
    async (_name, path, body, code, field) => {
      const before = await counts();
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = await res.json();
      expect(problem).toMatchObject({ status: 400, code, field });
      expect(typeof problem.detail).toBe('string');
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await counts()).toEqual(before);
    },
  );

  it('rejects an over-long session id with a 400 naming it', async () => {
    const res = await t
      .newBrowser()
      .fetch(`/api/auth/sessions/${'x'.repeat(100)}`, { method: 'DELETE' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', field: 'id' });
  });

  it('rejects a non-JSON content type with 415 problem+json', async () => {
    const res = await post('/sign-up', 'email=a@example.com', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe('unsupported_media_type');
  });

  it('refuses a second account for the same normalized email with 409', async () => {
    const email = uniqueEmail();
    expect((await post('/sign-up', JSON.stringify({ email, password: PASSWORD }))).status).toBe(
      201,
    );
    const before = await counts();
    const res = await post(
      '/sign-up',
      JSON.stringify({ email: `  ${email.toUpperCase()} `, password: PASSWORD }),
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'email_taken', field: 'email' });
    expect(await counts()).toEqual(before);
  });

  it('changes the password, signing out the other sessions but not this one', async () => {
    const email = uniqueEmail();
    const a = t.newBrowser();
    const b = t.newBrowser();
    await a.client.signUp({ email, password: PASSWORD });
    await b.client.signIn({ email, password: PASSWORD });
    const wrong = await a.client.changePassword({
      currentPassword: 'nope nope',
      newPassword: 'new password 1',
    });
    expect(!wrong.ok && wrong.error).toMatchObject({
      code: 'invalid_credentials',
      field: 'currentPassword',
    });
    const changed = await a.client.changePassword({
      currentPassword: PASSWORD,
      newPassword: 'new password 1',
    });
    expect(changed.ok && changed.data.revokedSessions).toBe(1);
    const bSession = await b.client.getSession();
    expect(bSession.ok && bSession.data.user).toBeNull();
    const aSession = await a.client.getSession();
    expect(aSession.ok && aSession.data.user?.email).toBe(email);
    expect((await t.newBrowser().client.signIn({ email, password: PASSWORD })).ok).toBe(false);
    expect((await t.newBrowser().client.signIn({ email, password: 'new password 1' })).ok).toBe(
      true,
    );
  });

  it('records sign-up, sign-in, failures and sign-out in the audit log', async () => {
    const email = uniqueEmail();
    const b = t.newBrowser();
    const up = await b.client.signUp({ email, password: PASSWORD });
    await b.client.signOut();
    await b.client.signIn({ email, password: 'bad password' });
    const store = await t.authkit.api.store();
    const events = await store.audit.list({ actorId: up.ok ? up.data.user.id : '' });
    expect(events.map((e) => e.action).sort()).toEqual(['user.signed_out', 'user.signed_up']);
    const all = await store.audit.list({ limit: 5 });
    expect(all.some((e) => e.action === 'user.sign_in_failed')).toBe(true);
    expect(JSON.stringify(all)).not.toContain('bad password');
  });
});

describe('sign-up rate limit', () => {
  it('answers 429 with Retry-After once an address exceeds its sign-ups', async () => {
    const t = await instanceOn('pglite', {
      rateLimits: { signUpPerIp: { points: 3, durationSeconds: 60 } },
    });
    try {
      const browser = t.newBrowser({ ip: '192.0.2.10' });
      for (let i = 0; i < 3; i++) {
        expect((await browser.client.signUp({ email: uniqueEmail(), password: PASSWORD })).ok).toBe(
          true,
        );
      }
      const limited = await browser.client.signUp({ email: uniqueEmail(), password: PASSWORD });
      expect(!limited.ok && limited.error).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(!limited.ok && limited.error.retryAfter).toBeGreaterThanOrEqual(1);
      const elsewhere = await t
        .newBrowser({ ip: '192.0.2.11' })
        .client.signUp({ email: uniqueEmail(), password: PASSWORD });
      expect(elsewhere.ok).toBe(true);
    } finally {
      await t.close();
    }
  });
});
