import type { Requirement } from '@catalyst/authkit/edge';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOnLoopback } from './test-server.js';
import { withApiGuard } from './with-api-guard.js';
import { withAuthRoute } from './with-auth-route.js';

// Real EdDSA tokens from an issuer on loopback whose JWKS the guards fetch over HTTP, carrying the
// org claims (roles, plan, labels …) a session in an org would have.
let origin: string;
let close: () => void;
let privateKey: CryptoKey;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
async function mint(claims: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `${origin}/api/auth`,
    aud: 'catalyst',
    sub: 'usr_1',
    sid: 'ses_1',
    jti: `at_${now}`,
    iat: now,
    exp: now + 300,
    org: 'org_1',
    groups: [],
    labels: ['region:eu'],
    roles: ['member'],
    permissions: ['org:read'],
    plan: 'free',
    ent: [],
    scopes: [],
    amr: ['pwd'],
    ...claims,
  };
  const input = `${b64({ alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' })}.${b64(payload)}`;
  const signature = await crypto.subtle.sign(
    'Ed25519',
    privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  privateKey = pair.privateKey;
  const jwk = {
    ...(await crypto.subtle.exportKey('jwk', pair.publicKey)),
    kid: 'k1',
    alg: 'EdDSA',
    use: 'sig',
  };
  ({ origin, close } = await serveOnLoopback(() => Response.json({ keys: [jwk] })));
});
afterAll(() => close?.());

const request = (path: string, token?: string, method = 'GET') =>
  new NextRequest(`${origin}${path}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const passed = (res: Response) => res.headers.get('x-middleware-next') === '1';

const api = (require: Requirement) =>
  withApiGuard({ baseUrl: origin, protectedRoutes: [{ matcher: '/api/billing/:path*', require }] });

describe('withApiGuard requirements', () => {
  it.each<[string, Requirement, Record<string, unknown>, Record<string, unknown>, string]>([
    [
      'roles (any-of)',
      { roles: ['owner', 'admin'] },
      { roles: ['admin'] },
      { roles: ['member'] },
      'missing_role',
    ],
    [
      'permissions',
      { permissions: ['members:manage'] },
      { permissions: ['members:*'] },
      { permissions: ['members:read'] },
      'missing_permission',
    ],
    [
      'labels',
      { labels: ['region:*', 'tier:gold'] },
      { labels: ['region:us', 'tier:gold'] },
      { labels: ['region:us'] },
      'missing_label',
    ],
    [
      'plan (any-of)',
      { plan: ['pro', 'enterprise'] },
      { plan: 'enterprise' },
      { plan: 'free' },
      'wrong_plan',
    ],
    ['entitlement', { entitlement: 'sso' }, { ent: ['sso'] }, { ent: [] }, 'missing_entitlement'],
    ['mfa', { mfa: true }, { amr: ['pwd', 'mfa'] }, { amr: ['pwd'] }, 'mfa_required'],
    [
      'scopes (key tokens)',
      { scopes: ['billing:read'] },
      { amr: ['key'], scopes: ['billing:*'] },
      { amr: ['key'], scopes: ['keys:read'] },
      'missing_scope',
    ],
    ['org: true', { org: true }, { org: 'org_1' }, { org: null }, 'no_active_org'],
    [
      'org: <id>, a token from another org',
      { org: 'org_1' },
      { org: 'org_1' },
      { org: 'org_2' },
      'wrong_org',
    ],
  ])('%s: allowed and refused', async (_kind, require, good, bad, code) => {
    expect(passed(await api(require)(request('/api/billing/invoices', await mint(good))))).toBe(
      true,
    );
    const res = await api(require)(request('/api/billing/invoices', await mint(bad)));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 403, code: 'forbidden', reasons: [code] });
  });

  it('names every failing kind at once, and leaves other paths alone', async () => {
    const guard = api({ roles: ['owner'], plan: 'pro' });
    const res = await guard(request('/api/billing', await mint()));
    expect(await res.json()).toMatchObject({
      reasons: ['missing_role', 'wrong_plan'],
      detail: 'requires one of the roles: owner; requires one of the plans: pro',
    });
    expect(passed(await guard(request('/api/billingx', await mint())))).toBe(true);
    expect(passed(await guard(request('/api/other', await mint())))).toBe(true);
  });

  it('checks the global require and every matching route, each on its own', async () => {
    const guard = withApiGuard({
      baseUrl: origin,
      require: { org: true },
      protectedRoutes: [{ matcher: ['/api/admin', '/api/admin/*'], require: { roles: ['admin'] } }],
    });
    expect(
      (await (await guard(request('/api/x', await mint({ org: null })))).json()).reasons,
    ).toEqual(['no_active_org']);
    expect(passed(await guard(request('/api/x', await mint())))).toBe(true);
    expect((await guard(request('/api/admin', await mint()))).status).toBe(403);
  });

  it('judges the decoded path, so percent-encoding does not get around a requirement', async () => {
    expect(
      (await api({ roles: ['admin'] })(request('/api/%62illing/x', await mint()))).status,
    ).toBe(403);
  });

  it('holds a path a protected route names to it even when publicRoutes lists it', async () => {
    const guard = withApiGuard({
      baseUrl: origin,
      publicRoutes: ['/api/*'],
      protectedRoutes: [{ matcher: '/api/billing/:path*', require: { plan: 'pro' } }],
    });
    expect((await guard(request('/api/billing/x'))).status).toBe(401);
    expect(passed(await guard(request('/api/ping')))).toBe(true);
  });

  it('keeps the top-level scopes option literal: a session token holds no scopes', async () => {
    const session = await mint();
    const legacy = withApiGuard({ baseUrl: origin, scopes: ['billing:read'] });
    expect(await (await legacy(request('/api/x', session))).json()).toMatchObject({
      detail: 'missing scope: billing:read',
      reasons: ['missing_scope'],
    });
    // `require.scopes` restricts scoped (key) tokens only.
    expect(passed(await api({ scopes: ['billing:read'] })(request('/api/billing', session)))).toBe(
      true,
    );
  });

  it('refuses a matcher that could never match when the guard is created', () => {
    expect(() =>
      withApiGuard({ protectedRoutes: [{ matcher: '/billing/(.*)', require: {} }] }),
    ).toThrow(/protectedRoutes\[0\]\.matcher/);
    expect(() =>
      withApiGuard({ protectedRoutes: [{ matcher: 'billing/*', require: {} }] }),
    ).toThrow(TypeError);
  });
});

describe('withAuthRoute requirements', () => {
  const billing = [
    {
      matcher: '/billing/:path*',
      require: { plan: ['pro', 'enterprise'], roles: ['owner', 'admin'] },
    },
  ];

  it('answers 403 with a short text page by default', async () => {
    const res = await withAuthRoute({ baseUrl: origin, protectedRoutes: billing })(
      request('/billing', await mint()),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('requires one of the plans: pro, enterprise');
    const owner = await mint({ roles: ['owner'], plan: 'pro' });
    expect(
      passed(
        await withAuthRoute({ baseUrl: origin, protectedRoutes: billing })(
          request('/billing/x', owner),
        ),
      ),
    ).toBe(true);
  });

  it('redirects to forbiddenUrl with the reasons, and never holds that page to them', async () => {
    const guard = withAuthRoute({
      baseUrl: origin,
      forbiddenUrl: '/forbidden',
      require: { org: true },
      protectedRoutes: [{ matcher: '/:path*', require: { roles: ['admin'] } }],
    });
    const res = await guard(request('/billing?tab=1', await mint(), 'POST'));
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/forbidden');
    expect(location.searchParams.get('reasons')).toBe('missing_role');
    expect(location.searchParams.get('redirect_url')).toBe(`${origin}/billing?tab=1`);
    expect(passed(await guard(request('/forbidden', await mint({ org: null }))))).toBe(true);
  });

  it('sends a signed-out visitor to sign-in, and keeps public pages free of the global require', async () => {
    const guard = withAuthRoute({
      baseUrl: origin,
      publicRoutes: ['/'],
      require: { mfa: true },
      protectedRoutes: billing,
    });
    expect(new URL((await guard(request('/billing'))).headers.get('location')!).pathname).toBe(
      '/sign-in',
    );
    expect(passed(await guard(request('/', await mint())))).toBe(true);
    expect((await guard(request('/dashboard', await mint()))).status).toBe(403);
  });
});
