import { beforeAll, describe, expect, it } from 'vitest';
import { createForwardAuth } from './create-forward-auth.js';
import {
  forwardRequest,
  handlerOptions,
  makeHandler,
  makeKeys,
  mint,
  nowSeconds,
  SIGN_IN,
  REFRESH,
  TRUSTED,
  type TestKeys,
} from './test-support.js';
import { IDENTITY_HEADERS } from './types.js';

let keys: TestKeys;
beforeAll(async () => {
  keys = await makeKeys();
});

const problemOf = async (response: Response) =>
  (await response.json()) as { code: string; field?: string; reasons?: unknown[] };

describe('allow', () => {
  it('answers 200 with every identity header from the verified claims', async () => {
    const fa = makeHandler(keys);
    const token = await mint(keys, { scopes: ['read', 'write'] });
    const res = await fa.handle(forwardRequest({ bearer: token }), TRUSTED);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.fromEntries(IDENTITY_HEADERS.map((h) => [h, res.headers.get(h)]))).toEqual({
      'X-User-Sub': 'usr_alice',
      'X-Org-ID': 'org_acme',
      'X-Labels': 'tier:gold',
      'X-Scopes': 'read,write',
      'X-Roles': 'admin',
      'Remote-User': 'usr_alice',
      'Remote-Groups': 'eng,ops',
    });
  });

  it('sends every identity header even when empty, and never echoes client copies', async () => {
    const fa = makeHandler(keys);
    const token = await mint(keys, { org: null, groups: [], labels: [], roles: [] });
    const forged = {
      'x-user-sub': 'admin',
      'x-org-id': 'org_evil',
      'x-roles': 'owner',
      'remote-user': 'root',
    };
    const res = await fa.handle(forwardRequest({ bearer: token, headers: forged }), TRUSTED);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-user-sub')).toBe('usr_alice');
    expect(res.headers.get('remote-user')).toBe('usr_alice');
    for (const name of ['X-Org-ID', 'X-Labels', 'X-Scopes', 'X-Roles', 'Remote-Groups'])
      expect(res.headers.get(name), name).toBe('');

    const anonymous = await makeHandler(keys, {
      routes: [{ path: '/pub/*', public: true }],
    }).handle(forwardRequest({ uri: '/pub/x', headers: forged }), TRUSTED);
    expect(anonymous.status).toBe(200);
    for (const name of IDENTITY_HEADERS) expect(anonymous.headers.get(name), name).toBe('');
  });

  it('reads the session cookie when there is no bearer', async () => {
    const token = await mint(keys);
    const res = await makeHandler(keys).handle(
      forwardRequest({ cookie: `theme=dark; catalyst_access=${token}` }),
      TRUSTED,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-user-sub')).toBe('usr_alice');
  });

  it('passes identity on a public route when a valid token comes along, and ignores a bad one', async () => {
    const fa = makeHandler(keys, { routes: [{ path: '/docs/*', public: true }] });
    const good = await fa.handle(
      forwardRequest({ uri: '/docs/a', bearer: await mint(keys) }),
      TRUSTED,
    );
    expect(good.status).toBe(200);
    expect(good.headers.get('x-user-sub')).toBe('usr_alice');
    const bad = await fa.handle(forwardRequest({ uri: '/docs/a', bearer: 'garbage' }), TRUSTED);
    expect(bad.status).toBe(200);
    expect(bad.headers.get('x-user-sub')).toBe('');
  });
});

describe('not signed in', () => {
  it('redirects a browser to sign-in with the absolute original URL', async () => {
    const res = await makeHandler(keys).handle(
      forwardRequest({ browser: true, uri: '/reports?q=1' }),
      TRUSTED,
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(SIGN_IN);
    expect(location.searchParams.get('redirect_url')).toBe('https://app.example.com/reports?q=1');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an API call 401 with a Bearer challenge and the sign-in Location', async () => {
    const res = await makeHandler(keys).handle(forwardRequest(), TRUSTED);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="catalyst"');
    expect(new URL(res.headers.get('location')!).searchParams.get('redirect_url')).toBe(
      'https://app.example.com/dashboard',
    );
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await problemOf(res)).code).toBe('unauthenticated');
  });

  it('treats an XHR from a browser as an API call', async () => {
    const res = await makeHandler(keys).handle(
      forwardRequest({ browser: true, headers: { 'x-requested-with': 'XMLHttpRequest' } }),
      TRUSTED,
    );
    expect(res.status).toBe(401);
  });

  it('adds error="invalid_token" when a token was presented and rejected', async () => {
    const res = await makeHandler(keys).handle(forwardRequest({ bearer: 'not.a.jwt' }), TRUSTED);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="catalyst", error="invalid_token"',
    );
  });

  it('answers 401 even to browsers in nginx mode (auth_request turns a 302 into a 500)', async () => {
    const res = await makeHandler(keys, { mode: 'nginx' }).handle(
      forwardRequest({ browser: true }),
      TRUSTED,
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('location')).toContain(encodeURIComponent('https://app.example.com/'));
  });

  it('sends an expired session cookie through refreshUrl, an expired bearer to sign-in', async () => {
    const expired = await mint(keys, { iat: nowSeconds() - 600, exp: nowSeconds() - 60 });
    const fa = makeHandler(keys);
    const viaCookie = await fa.handle(
      forwardRequest({ browser: true, cookie: `catalyst_access=${expired}` }),
      TRUSTED,
    );
    expect(viaCookie.status).toBe(302);
    const location = new URL(viaCookie.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REFRESH);
    expect(location.searchParams.get('redirect_url')).toBe('https://app.example.com/dashboard');

    const viaBearer = await fa.handle(forwardRequest({ browser: true, bearer: expired }), TRUSTED);
    expect(viaBearer.headers.get('location')!.startsWith(SIGN_IN)).toBe(true);
    const noRefresh = await makeHandler(keys, { refreshUrl: undefined }).handle(
      forwardRequest({ browser: true, cookie: `catalyst_access=${expired}` }),
      TRUSTED,
    );
    expect(noRefresh.headers.get('location')!.startsWith(SIGN_IN)).toBe(true);
  });

  it('leaves redirect_url out for a host that is not an allowed return host', async () => {
    const fa = makeHandler(keys, { allowedReturnHosts: ['app.example.com'] });
    const other = await fa.handle(
      forwardRequest({ browser: true, host: 'evil.example.net' }),
      TRUSTED,
    );
    expect(other.headers.get('location')).toBe(SIGN_IN);
    const sub = await fa.handle(
      forwardRequest({ browser: true, host: 'x.app.example.com' }),
      TRUSTED,
    );
    expect(sub.headers.get('location')).toBe(SIGN_IN);
    const ok = await fa.handle(forwardRequest({ browser: true }), TRUSTED);
    expect(ok.headers.get('location')).toContain('redirect_url=');
  });

  it('defaults the return hosts to the sign-in host and the hosts the routes name', async () => {
    const fa = createForwardAuth({
      ...handlerOptions(keys),
      allowedReturnHosts: undefined,
      routes: [{ host: '*.apps.example.org', path: '/admin/*', require: { roles: ['admin'] } }],
    });
    const named = await fa.handle(
      forwardRequest({ browser: true, host: 'a.apps.example.org' }),
      TRUSTED,
    );
    expect(named.headers.get('location')).toContain('redirect_url=');
    const signInHost = await fa.handle(
      forwardRequest({ browser: true, host: 'auth.example.test' }),
      TRUSTED,
    );
    expect(signInHost.headers.get('location')).toContain('redirect_url=');
    const unnamed = await fa.handle(
      forwardRequest({ browser: true, host: 'app.example.com' }),
      TRUSTED,
    );
    expect(unnamed.headers.get('location')).toBe(SIGN_IN);
  });
});
