import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createForwardAuth } from './create-forward-auth.js';
import {
  DECISION_SECRET,
  forwardRequest,
  handlerOptions,
  makeHandler,
  makeKeys,
  mint,
  STRANGER_IP,
  TRUSTED,
  type TestKeys,
} from './test-support.js';
import type { ForwardAuthDecisionEvent } from './types.js';

let keys: TestKeys;
beforeAll(async () => {
  keys = await makeKeys();
});

const problemOf = async (response: Response) =>
  (await response.json()) as { code: string; field?: string; reasons?: unknown[] };

describe('route policy', () => {
  const routes = [
    { id: 'admin', host: 'app.example.com', path: '/admin/*', require: { roles: ['owner'] } },
    { path: '/orgs/:id/billing', require: { plan: 'enterprise', mfa: true } },
    { host: '*.internal.example.com', require: { labels: ['staff:*'] } },
  ];

  it('answers 403 with the reason codes only when a signed-in caller lacks the requirement', async () => {
    const fa = makeHandler(keys, { routes });
    const token = await mint(keys);
    const res = await fa.handle(forwardRequest({ bearer: token, uri: '/admin/users' }), TRUSTED);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await problemOf(res);
    expect(body.code).toBe('forbidden');
    expect(body.reasons).toEqual([{ code: 'missing_role' }]);
    expect(JSON.stringify(body)).not.toContain('owner');

    const billing = await fa.handle(
      forwardRequest({ bearer: token, uri: '/orgs/o1/billing' }),
      TRUSTED,
    );
    expect((await problemOf(billing)).reasons).toEqual([
      { code: 'wrong_plan' },
      { code: 'mfa_required' },
    ]);
    const staff = await fa.handle(
      forwardRequest({ bearer: token, host: 'wiki.internal.example.com' }),
      TRUSTED,
    );
    expect(staff.status).toBe(403);
  });

  it('lets the first matching route decide and falls back to defaultRequire', async () => {
    const token = await mint(keys, { roles: ['owner'] });
    const fa = makeHandler(keys, { routes, defaultRequire: { org: 'org_other' } });
    expect(
      (await fa.handle(forwardRequest({ bearer: token, uri: '/admin' }), TRUSTED)).status,
    ).toBe(200);
    // Another host: the admin route does not apply, the default does.
    const res = await fa.handle(
      forwardRequest({ bearer: token, uri: '/admin', host: 'other.example.com' }),
      TRUSTED,
    );
    expect(res.status).toBe(403);
    expect((await problemOf(res)).reasons).toEqual([{ code: 'wrong_org' }]);
  });

  it('matches on the normalized path, so dot segments and escapes cannot dodge a route', async () => {
    const token = await mint(keys);
    const fa = makeHandler(keys, { routes });
    for (const uri of [
      '/x/../admin/users',
      '/%61dmin/users',
      '//admin/users',
      '/./admin',
      '/x/%2e%2e/admin',
    ])
      expect((await fa.handle(forwardRequest({ bearer: token, uri }), TRUSTED)).status, uri).toBe(
        403,
      );
  });

  it('holds key tokens to their scopes and leaves session tokens unscoped', async () => {
    const fa = makeHandler(keys, {
      routes: [{ path: '/api/*', require: { scopes: ['reports:read'] } }],
    });
    const session = await mint(keys);
    expect(
      (await fa.handle(forwardRequest({ bearer: session, uri: '/api/r' }), TRUSTED)).status,
    ).toBe(200);
    const keyToken = await mint(keys, {
      sid: 'key_1',
      client_id: 'key_1',
      amr: ['key'],
      scopes: ['billing:read'],
    });
    const denied = await fa.handle(forwardRequest({ bearer: keyToken, uri: '/api/r' }), TRUSTED);
    expect(denied.status).toBe(403);
    expect((await problemOf(denied)).reasons).toEqual([{ code: 'missing_scope' }]);
    const scoped = await mint(keys, {
      sid: 'key_2',
      client_id: 'key_2',
      amr: ['key'],
      scopes: ['reports:*'],
    });
    expect(
      (await fa.handle(forwardRequest({ bearer: scoped, uri: '/api/r' }), TRUSTED)).status,
    ).toBe(200);
  });

  it('throws at creation for a pattern that is not one of the documented forms', () => {
    expect(() => makeHandler(keys, { routes: [{ path: 'admin' }] })).toThrow(/routes\[0\]\.path/);
    expect(() => makeHandler(keys, { routes: [{ path: '/a/*/b' }] })).toThrow(TypeError);
    expect(() => makeHandler(keys, { routes: [{ host: 'app.*.com' }] })).toThrow(
      /routes\[0\]\.host/,
    );
    expect(() => makeHandler(keys, { routes: [{ id: 'a' }, { id: 'a' }] })).toThrow(/used twice/);
    expect(() => makeHandler(keys, { trustedProxies: ['nope'] })).toThrow(TypeError);
    expect(() => makeHandler(keys, { signInUrl: '/sign-in' })).toThrow(/signInUrl/);
    expect(() =>
      makeHandler(keys, { decisionTtlSeconds: 61, decisionSecret: DECISION_SECRET }),
    ).toThrow(/decisionTtlSeconds/);
    expect(() => makeHandler(keys, { decisionSecret: new Uint8Array(16) })).toThrow(/32 bytes/);
  });
});

describe('verified-token cache', () => {
  it('verifies a token once; repeats and concurrent first requests do no signature work', async () => {
    const counted = await makeKeys('counted');
    const fa = makeHandler(counted);
    const token = await mint(counted);
    await Promise.all([1, 2, 3].map(() => fa.handle(forwardRequest({ bearer: token }), TRUSTED)));
    expect(counted.getKey.calls).toBe(1);
    for (let i = 0; i < 5; i += 1)
      expect((await fa.handle(forwardRequest({ bearer: token }), TRUSTED)).status).toBe(200);
    expect(counted.getKey.calls).toBe(1);
    await fa.handle(forwardRequest({ bearer: await mint(counted) }), TRUSTED);
    expect(counted.getKey.calls).toBe(2);
  });

  it('stops honouring a cached token at its exp', async () => {
    let now = new Date();
    const fa = makeHandler(keys, { now: () => now });
    const iat = Math.floor(now.getTime() / 1000);
    const token = await mint(keys, { iat, exp: iat + 60 });
    expect((await fa.handle(forwardRequest({ bearer: token }), TRUSTED)).status).toBe(200);
    now = new Date(now.getTime() + 120_000);
    expect((await fa.handle(forwardRequest({ bearer: token }), TRUSTED)).status).toBe(401);
  });
});

describe('metrics hook and failures', () => {
  it('reports status, route, sub and what answered from cache', async () => {
    const events: ForwardAuthDecisionEvent[] = [];
    const fa = makeHandler(keys, {
      routes: [{ id: 'admin', path: '/admin/*', require: { roles: ['owner'] } }],
      decisionSecret: DECISION_SECRET,
      onDecision: (event) => events.push(event),
    });
    const token = await mint(keys);
    const first = await fa.handle(forwardRequest({ access: token }), TRUSTED);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    await fa.handle(forwardRequest({ access: token, uri: '/admin/x' }), TRUSTED);
    await fa.handle(forwardRequest({ access: token, cookie }), TRUSTED);
    await fa.handle(forwardRequest(), { ip: STRANGER_IP });
    expect(events.map(({ durationMs: _d, ...rest }) => rest)).toEqual([
      {
        status: 200,
        sub: 'usr_alice',
        route: 'default',
        cached: null,
        request: { method: 'GET', host: 'app.example.com', path: '/dashboard' },
      },
      {
        status: 403,
        sub: 'usr_alice',
        route: 'admin',
        cached: 'token',
        request: { method: 'GET', host: 'app.example.com', path: '/admin/x' },
      },
      {
        status: 200,
        sub: 'usr_alice',
        route: 'default',
        cached: 'decision',
        request: { method: 'GET', host: 'app.example.com', path: '/dashboard' },
      },
      { status: 400, sub: null, route: null, cached: null, request: null },
    ]);
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
  });

  it('keeps answering when the metrics hook throws', async () => {
    const fa = makeHandler(keys, {
      onDecision: () => {
        throw new Error('metrics down');
      },
    });
    expect((await fa.handle(forwardRequest({ bearer: await mint(keys) }), TRUSTED)).status).toBe(
      200,
    );
  });

  it('answers 503 (not 401, not 500) when the JWKS URL cannot be fetched, and warns once', async () => {
    const log = vi.fn();
    const fetchSpy = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const fa = createForwardAuth({
      ...handlerOptions(keys),
      jwks: 'https://auth.example.test/api/auth/.well-known/jwks.json',
      fetch: fetchSpy,
      log,
    });
    for (let i = 0; i < 2; i += 1) {
      const res = await fa.handle(forwardRequest({ bearer: await mint(keys) }), TRUSTED);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect(fetchSpy).toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('fetches the JWKS URL through the injected fetch', async () => {
    const url = 'https://auth.example.test/api/auth/.well-known/jwks.json';
    const fetchSpy = vi.fn(async () => Response.json(keys.jwks));
    const fa = createForwardAuth({ ...handlerOptions(keys), jwks: url, fetch: fetchSpy });
    expect((await fa.handle(forwardRequest({ bearer: await mint(keys) }), TRUSTED)).status).toBe(
      200,
    );
    expect(fetchSpy.mock.calls.map((call) => String((call as unknown[])[0]))).toEqual([url]);
  });
});

describe('public routes when the key source is down', () => {
  it('still answer 200 (with empty identity) instead of 503', async () => {
    const fa = createForwardAuth({
      ...handlerOptions(keys),
      jwks: 'https://auth.example.test/api/auth/.well-known/jwks.json',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      routes: [{ path: '/status', public: true }],
    });
    const res = await fa.handle(
      forwardRequest({ uri: '/status', bearer: await mint(keys) }),
      TRUSTED,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-user-sub')).toBe('');
  });
});
