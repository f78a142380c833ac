import type { TestInstance } from '@catalyst/authkit/testing';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesRoute } from './route-match.js';
import { PASSWORD, startAuthServer } from './test-server.js';
import { makeNextTokenDecoder } from './token-decoder.js';
import { withApiGuard } from './with-api-guard.js';
import { withAuthRoute } from './with-auth-route.js';

let t: TestInstance;
let origin: string;
let close: () => Promise<void>;
let token: string;
let expired: string;

beforeAll(async () => {
  // A real auth server on loopback: the guards fetch its JWKS over HTTP.
  let offset = 0;
  ({ t, origin, close } = await startAuthServer({
    clock: { now: () => new Date(Date.now() + offset) },
  }));
  const email = 'guard@example.com';
  await t.client.signUp({ email, password: PASSWORD });
  token = t.jar.get('catalyst_access')!;
  offset = -3600_000; // an hour ago: this token is long expired
  const past = t.newBrowser();
  await past.client.signIn({ email, password: PASSWORD });
  expired = past.jar.get('catalyst_access')!;
  offset = 0;
});
afterAll(() => close?.());

const request = (
  path: string,
  init: {
    cookie?: string;
    bearer?: string;
    method?: string;
    headers?: Record<string, string>;
  } = {},
) =>
  new NextRequest(`${origin}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
      ...init.headers,
    },
  });

const forwarded = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);
const passed = (res: Response) => res.headers.get('x-middleware-next') === '1';

describe('matchesRoute', () => {
  it.each([
    ['/sign-up', ['/sign-up'], true],
    ['/sign-up/', ['/sign-up'], true],
    ['/sign-upx', ['/sign-up'], false],
    ['/blog/a/b', ['/blog/*'], true],
    ['/docs/x', [/^\/docs\//], true],
    ['/', [], false],
  ] as const)('%s in %j → %s', (path, patterns, expected) => {
    expect(matchesRoute(path, patterns)).toBe(expected);
  });
});

describe('makeNextTokenDecoder', () => {
  // Built per call: `origin` is only known once the server has started.
  const decode = (req: Request) => makeNextTokenDecoder({ baseUrl: origin })(req);
  it('reads the access cookie or a bearer token and verifies it via JWKS', async () => {
    const viaCookie = await decode(request('/x', { cookie: `catalyst_access=${token}` }));
    expect(viaCookie.status === 'valid' && viaCookie.claims.sub).toMatch(/^usr_/);
    expect((await decode(request('/x', { bearer: token }))).status).toBe('valid');
  });
  it('tells a missing token from an invalid or expired one', async () => {
    expect((await decode(request('/x'))).status).toBe('missing');
    expect(await decode(request('/x', { cookie: 'catalyst_access=garbage' }))).toMatchObject({
      status: 'invalid',
    });
    // A malformed percent-escape is a bad token (401), not an outage (503).
    expect(await decode(request('/x', { cookie: 'catalyst_access=%E0%A4%A' }))).toMatchObject({
      status: 'invalid',
    });
    expect(await decode(request('/x', { cookie: `catalyst_access=${expired}` }))).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/expired/),
    });
  });
});

describe('withAuthRoute', () => {
  const guard = () => withAuthRoute({ baseUrl: origin, publicRoutes: ['/', '/blog/*'] });

  it('redirects a signed-out page request to sign-in with the absolute return URL', async () => {
    const res = await guard()(request('/dashboard?tab=keys'));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('redirect_url')).toBe(`${origin}/dashboard?tab=keys`);
  });

  it('lets a valid session through, forwarding identity and stripping client-sent copies', async () => {
    const res = await guard()(
      request('/dashboard', {
        cookie: `catalyst_access=${token}`,
        headers: { 'x-catalyst-user-id': 'usr_spoofed' },
      }),
    );
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(forwarded(res, 'x-catalyst-user-id')).toMatch(/^usr_(?!spoofed)/);
    expect(forwarded(res, 'x-catalyst-url')).toBe(`${origin}/dashboard`);
  });

  it('never forwards a spoofed identity on public routes', async () => {
    const res = await guard()(
      request('/blog/post', { headers: { 'x-catalyst-user-id': 'usr_spoofed' } }),
    );
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(forwarded(res, 'x-catalyst-user-id')).toBeNull();
  });

  it('bounces an expired token through the refresh route once, then gives up to sign-in', async () => {
    const first = await guard()(request('/dashboard', { cookie: `catalyst_access=${expired}` }));
    expect(first.status).toBe(307);
    const refresh = new URL(first.headers.get('location')!);
    expect(refresh.pathname).toBe('/api/auth/refresh');
    expect(refresh.searchParams.get('redirect_url')).toBe(`${origin}/dashboard`);
    expect(first.headers.get('set-cookie')).toMatch(/catalyst_refresh_attempt=1/);

    const again = await guard()(
      request('/dashboard', { cookie: `catalyst_access=${expired}; catalyst_refresh_attempt=1` }),
    );
    expect(new URL(again.headers.get('location')!).pathname).toBe('/sign-in');
  });

  it('does not bounce writes (a redirect would turn a POST into a GET)', async () => {
    const res = await guard()(
      request('/dashboard', { method: 'POST', cookie: `catalyst_access=${expired}` }),
    );
    expect(new URL(res.headers.get('location')!).pathname).toBe('/sign-in');
  });

  it("composes with the app's own proxy logic", async () => {
    const seen: Array<string | null> = [];
    const composed = withAuthRoute({ baseUrl: origin }, (req, ctx) => {
      seen.push(ctx.claims?.sub ?? null);
      return req.nextUrl.pathname === '/old' ? Response.redirect(`${origin}/new`, 308) : undefined;
    });
    const res = await composed(request('/old', { cookie: `catalyst_access=${token}` }));
    expect(res.status).toBe(308);
    const passthrough = await composed(request('/other', { cookie: `catalyst_access=${token}` }));
    expect(passthrough.headers.get('x-middleware-next')).toBe('1');
    expect(seen).toEqual([expect.stringMatching(/^usr_/), expect.stringMatching(/^usr_/)]);
  });
});

describe('withApiGuard', () => {
  it('answers 401 problem JSON with WWW-Authenticate without a token', async () => {
    const res = await withApiGuard({ baseUrl: origin })(request('/api/data'));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('lets a bearer token through and answers 403 when scopes or roles are missing', async () => {
    expect(
      (
        await withApiGuard({ baseUrl: origin })(request('/api/data', { bearer: token }))
      ).headers.get('x-middleware-next'),
    ).toBe('1');
    const scoped = await withApiGuard({ baseUrl: origin, scopes: ['billing:read'] })(
      request('/api/data', { bearer: token }),
    );
    expect(scoped.status).toBe(403);
    expect(await scoped.json()).toMatchObject({
      code: 'forbidden',
      detail: 'missing scope: billing:read',
      reasons: ['missing_scope'],
    });
    expect(
      (
        await withApiGuard({ baseUrl: origin, roles: ['admin'] })(
          request('/api/data', { bearer: token }),
        )
      ).status,
    ).toBe(403);
  });

  it('holds a real session token to `require`: signed in, but no active org yet', async () => {
    const guard = (require: { org?: true; roles?: string[] }) =>
      withApiGuard({ baseUrl: origin, protectedRoutes: [{ matcher: '/api/orgs/*', require }] });
    expect(passed(await guard({})(request('/api/orgs/x', { bearer: token })))).toBe(true);
    const res = await guard({ org: true, roles: ['admin'] })(
      request('/api/orgs/x', { bearer: token }),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ reasons: ['no_active_org', 'missing_role'] });
  });

  it('passes public API routes through without a token', async () => {
    const res = await withApiGuard({ baseUrl: origin, publicRoutes: ['/api/public/*'] })(
      request('/api/public/ping'),
    );
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });
});
