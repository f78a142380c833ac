import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../test/instances.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';

const PROXY = { ip: '127.0.0.1' };

/** The headers Traefik's forwardAuth sends for a request to `https://app.example.com<uri>`. */
function traefik(uri: string, extra: Record<string, string> = {}, method = 'GET') {
  return {
    'x-forwarded-method': method,
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'app.example.com',
    'x-forwarded-uri': uri,
    'x-forwarded-for': '203.0.113.9',
    ...extra,
  };
}

describe('forward-auth mounted in the auth server (/api/auth/forward)', () => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await createTestInstance({
      trustedProxies: ['loopback'],
      revocationPollSeconds: 2,
      scopes: ['reports:read', 'reports:write'],
      allowedReturnHosts: ['app.example.com'],
      forwardAuth: {
        routes: [
          { host: 'app.example.com', path: '/public/*', public: true },
          { host: 'app.example.com', path: '/reports/*', require: { scopes: ['reports:read'] } },
          { host: 'app.example.com', path: '/admin/*', require: { roles: ['owner'], org: true } },
        ],
      },
    });
  });
  afterAll(() => t.close());

  const ask = (headers: Record<string, string>, ip = PROXY.ip, method = 'GET') =>
    t.authkit.handler(new Request('http://localhost:3000/api/auth/forward', { method, headers }), {
      ip,
    });

  async function signedIn() {
    const browser = t.newBrowser();
    const up = await browser.client.signUp({ email: uniqueEmail('fa'), password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    return {
      browser,
      userId: up.data.user.id,
      cookie: `catalyst_access=${browser.jar.get('catalyst_access')}`,
    };
  }

  it('allows a signed-in browser and answers with the identity headers, never the client’s', async () => {
    const { cookie, userId } = await signedIn();
    const res = await ask(traefik('/reports/q1', { cookie, 'x-user-sub': 'admin' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-user-sub')).toBe(userId);
    expect(res.headers.get('remote-user')).toBe(userId);
    expect(res.headers.get('x-org-id')).toBe('');
    expect(res.headers.get('set-cookie')).toMatch(/^catalyst_decision=/);
  });

  it('redirects a signed-out browser to sign-in with the original URL, and 401s an API call', async () => {
    const browser = await ask(traefik('/reports/q1', { accept: 'text/html' }));
    expect(browser.status).toBe(302);
    const location = new URL(browser.headers.get('location')!);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('redirect_url')).toBe('https://app.example.com/reports/q1');
    const api = await ask(traefik('/reports/q1', { accept: 'application/json' }));
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers nginx (X-Original-*) with 401, never a redirect, even for POST with cookies', async () => {
    const res = await ask(
      {
        'x-original-method': 'POST',
        'x-original-uri': '/reports/q1',
        'x-original-url': 'https://app.example.com/reports/q1',
        accept: 'text/html',
        origin: 'https://app.example.com',
        cookie: 'catalyst_access=expired.or.bogus',
      },
      PROXY.ip,
      'POST',
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('location')).toContain('/sign-in');
  });

  it('refuses forwarded headers from a peer that is not a trusted proxy', async () => {
    const { cookie } = await signedIn();
    const res = await ask(traefik('/reports/q1', { cookie }), '198.51.100.7');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('untrusted_proxy');
  });

  it('API key → exchange → bearer → allowed by scope; another scope → 403', async () => {
    const { browser } = await signedIn();
    const key = await browser.client.keys.create({ name: 'svc', scopes: ['reports:read'] });
    if (!key.ok) throw new Error(key.error.message);
    const token = await browser.client.keys.exchange(key.data.secret);
    if (!token.ok) throw new Error(token.error.message);
    const bearer = { authorization: `Bearer ${token.data.access_token}` };
    const allowed = await ask(traefik('/reports/q1', bearer));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('x-scopes')).toBe('reports:read');
    const denied = await ask(traefik('/admin/x', bearer));
    expect(denied.status).toBe(403);
    // Revoked: the exchanged token stops at forward-auth once the list is polled.
    const revoked = await browser.client.keys.revoke(key.data.id);
    expect(revoked.ok).toBe(true);
    await expect
      .poll(async () => (await ask(traefik('/reports/q1', bearer))).status, {
        timeout: 15_000,
        interval: 500,
      })
      .toBe(401);
  });

  it('refuses a revoked session within the poll interval', async () => {
    const { browser, cookie } = await signedIn();
    expect((await ask(traefik('/reports/q1', { cookie }))).status).toBe(200);
    await browser.client.signOut();
    await expect
      .poll(async () => (await ask(traefik('/reports/q1', { cookie }))).status, {
        timeout: 15_000,
        interval: 500,
      })
      .toBe(401);
  });

  it('lets anyone through a public route', async () => {
    const res = await ask(traefik('/public/logo.svg'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-user-sub')).toBe('');
  });
});

describe('sampled forward-auth decisions in the audit log', () => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await createTestInstance({
      trustedProxies: ['loopback'],
      allowedReturnHosts: ['app.example.com'],
      forwardAuth: { auditSampleRate: 1 },
    });
  });
  afterAll(() => t.close());

  it('records auth.decision with the request, and writes its webhook event', async () => {
    const res = await t.authkit.handler(
      new Request('http://localhost:3000/api/auth/forward', {
        headers: { ...traefik('/reports/q1'), accept: 'application/json' },
      }),
      PROXY,
    );
    expect(res.status).toBe(401);
    const store = await t.authkit.api.store();
    let decision;
    for (let i = 0; i < 50 && !decision; i += 1) {
      decision = (await store.audit.list({ limit: 20 })).find((e) => e.action === 'auth.decision');
      if (!decision) await new Promise((r) => setTimeout(r, 20));
    }
    expect(decision).toMatchObject({
      actorType: 'anonymous',
      data: { status: 401, method: 'GET', host: 'app.example.com', path: '/reports/q1' },
    });
    const outbox = await store.outbox.list({ limit: 50 });
    expect(outbox.map((e) => e.type)).toContain('auth.decision');
  });
});
