import type { TestInstance } from '@catalyst/authkit/testing';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedOrigin, PASSWORD, serveOnLoopback, startAuthServer } from './test-server.js';
import { makeNextTokenDecoder } from './token-decoder.js';
import { withApiGuard } from './with-api-guard.js';
import { withAuthRoute } from './with-auth-route.js';

// DESIGN §3: issuer, JWKS and link origin come from configuration, never from the request.
let t: TestInstance;
let origin: string;
let token: string;
let expired: string;
const stops: Array<() => unknown> = [];

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
async function sign(key: CryptoKey, header: object, payload: object): Promise<string> {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = await crypto.subtle.sign('Ed25519', key, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}
const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const kidOf = (jwt: string) =>
  (JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

/** An attacker's server: its own discovery document and JWKS, and a token it signed. */
async function attacker() {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = {
    ...(await crypto.subtle.exportKey('jwk', pair.publicKey)),
    kid: 'evil',
    alg: 'EdDSA',
    use: 'sig',
  };
  let issuer = '';
  const http = await serveOnLoopback((req) => {
    const path = new URL(req.url).pathname;
    if (path.endsWith('/openid-configuration'))
      return Response.json({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    return path.endsWith('/jwks.json')
      ? Response.json({ keys: [jwk] })
      : new Response(null, { status: 404 });
  });
  stops.push(http.close);
  issuer = `${http.origin}/api/auth`;
  const now = Math.floor(Date.now() / 1000);
  const signed = await sign(
    pair.privateKey,
    { alg: 'EdDSA', typ: 'at+jwt', kid: 'evil' },
    { ...claimsOf(token), iss: issuer, iat: now, exp: now + 300 },
  );
  return { origin: http.origin, token: signed, privateKey: pair.privateKey };
}

beforeAll(async () => {
  let offset = 0;
  const server = await startAuthServer({ clock: { now: () => new Date(Date.now() + offset) } });
  stops.push(server.close);
  ({ t, origin } = server);
  await t.client.signUp({ email: 'anchor@example.com', password: PASSWORD });
  token = t.jar.get('catalyst_access')!;
  offset = -3600_000;
  const past = t.newBrowser();
  await past.client.signIn({ email: 'anchor@example.com', password: PASSWORD });
  expired = past.jar.get('catalyst_access')!;
  offset = 0;
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});
afterEach(() => vi.unstubAllEnvs());

// A request as Next may build it behind a proxy: its URL and headers name whatever the client said.
const forged = (url: string, headers: Record<string, string> = {}) =>
  new NextRequest(url, {
    headers: {
      host: new URL(url).host,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
      ...headers,
    },
  });
const location = (res: Response) => new URL(res.headers.get('location')!);
const forwardedUrl = (res: Response) => res.headers.get('x-middleware-request-x-catalyst-url');

describe('guards take their trust anchors from configuration', () => {
  it('verifies against the configured JWKS and links to the configured origin whatever Host says', async () => {
    const guard = withAuthRoute({ baseUrl: origin });
    const signedIn = await guard(
      forged('http://evil.example/dashboard?tab=keys', { cookie: `catalyst_access=${token}` }),
    );
    expect(signedIn.headers.get('x-middleware-next')).toBe('1');
    expect(forwardedUrl(signedIn)).toBe(`${origin}/dashboard?tab=keys`);

    const signedOut = await guard(forged('http://evil.example/dashboard?tab=keys'));
    expect(signedOut.status).toBe(307);
    expect(location(signedOut).origin).toBe(origin);
    expect(location(signedOut).searchParams.get('redirect_url')).toBe(
      `${origin}/dashboard?tab=keys`,
    );

    const bounce = await guard(
      forged('http://evil.example/x', { cookie: `catalyst_access=${expired}` }),
    );
    expect(location(bounce).href).toMatch(new RegExp(`^${origin}/api/auth/refresh\\?`));
    expect(location(bounce).searchParams.get('redirect_url')).toBe(`${origin}/x`);
  });

  it('is not moved by X-Forwarded-Proto: https on a plain-http origin', async () => {
    // Next builds request.url from X-Forwarded-Proto: the old guard fetched its own keys over https.
    const https = origin.replace(/^http:/, 'https:');
    const res = await withApiGuard({ baseUrl: origin })(
      forged(`${https}/api/data`, { authorization: `Bearer ${token}` }),
    );
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(forwardedUrl(res)).toBe(`${origin}/api/data`);
    const signedOut = await withAuthRoute({ baseUrl: origin })(forged(`${https}/dashboard`));
    expect(location(signedOut).href).toBe(
      `${origin}/sign-in?redirect_url=${encodeURIComponent(`${origin}/dashboard`)}`,
    );
  });

  it("rejects an attacker's token with the attacker's issuer, even when the request names their host", async () => {
    const evil = await attacker();
    const decision = await makeNextTokenDecoder({ baseUrl: origin })(
      forged(`${evil.origin}/dashboard`, { cookie: `catalyst_access=${evil.token}` }),
    );
    expect(decision).toMatchObject({ status: 'invalid' });
    const res = await withApiGuard({ baseUrl: origin })(
      forged(`${evil.origin}/api/data`, { authorization: `Bearer ${evil.token}` }),
    );
    expect(res.status).toBe(401);
  });

  it('rejects a token that claims our issuer and key id but is signed with another key', async () => {
    const { privateKey } = await attacker();
    const forgedToken = await sign(
      privateKey,
      { alg: 'EdDSA', typ: 'at+jwt', kid: kidOf(token) },
      claimsOf(token),
    );
    expect(
      await makeNextTokenDecoder({ baseUrl: origin })(
        forged(`${origin}/x`, { cookie: `catalyst_access=${forgedToken}` }),
      ),
    ).toEqual({ status: 'invalid', reason: expect.stringMatching(/bad signature/) });
  });

  it('keeps a path that looks like a host on the public origin', async () => {
    const res = await withAuthRoute({ baseUrl: origin })(forged(`${origin}//evil.example/x?y=1`));
    const back = new URL(location(res).searchParams.get('redirect_url')!);
    expect(back.origin).toBe(origin);
    expect(back.pathname).toBe('//evil.example/x');
  });

  it('reaches the keys through authOrigin while links use the public baseUrl', async () => {
    const options = {
      baseUrl: 'https://app.example',
      issuer: `${origin}/api/auth`,
      authOrigin: origin,
    };
    const guard = withAuthRoute(options);
    const ok = await guard(forged(`${origin}/dashboard`, { cookie: `catalyst_access=${token}` }));
    expect(forwardedUrl(ok)).toBe('https://app.example/dashboard');
    expect(location(await guard(forged(`${origin}/dashboard`))).origin).toBe('https://app.example');
  });

  it('defaults baseUrl to CATALYST_BASE_URL, then to http://localhost:3000 like the server', async () => {
    vi.stubEnv('CATALYST_BASE_URL', origin);
    const viaEnv = withAuthRoute();
    expect(
      (await viaEnv(forged(`${origin}/d`, { cookie: `catalyst_access=${token}` }))).headers.get(
        'x-middleware-next',
      ),
    ).toBe('1');
    vi.stubEnv('CATALYST_BASE_URL', '');
    expect(location(await withAuthRoute()(forged(`${origin}/d`))).origin).toBe(
      'http://localhost:3000',
    );
    expect(() => withApiGuard({ baseUrl: 'not a url' })).toThrow(/baseUrl.*absolute URL/);
  });
});

describe('when the signing keys cannot be fetched', () => {
  const sources: Array<[string, () => Promise<string>]> = [
    ['nothing listens', closedOrigin],
    [
      'the server answers 500',
      async () => {
        const http = await serveOnLoopback(() => new Response('boom', { status: 500 }));
        stops.push(http.close);
        return http.origin;
      },
    ],
  ];

  it.each(sources)('%s: APIs answer 503 problem+json, protected pages 503', async (_, start) => {
    const options = { baseUrl: origin, authOrigin: await start() };
    const withCookie = (path: string) =>
      forged(`${origin}${path}`, { cookie: `catalyst_access=${token}` });
    expect(await makeNextTokenDecoder(options)(withCookie('/x'))).toMatchObject({
      status: 'unavailable',
    });

    const api = await withApiGuard(options)(withCookie('/api/data'));
    expect(api.status).toBe(503);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await api.json()).toMatchObject({ status: 503, code: 'auth_unavailable' });

    const pages = withAuthRoute({ ...options, publicRoutes: ['/'] });
    const page = await pages(withCookie('/dashboard'));
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    // Public routes still pass; a visitor without a token still goes to sign-in.
    expect((await pages(withCookie('/'))).headers.get('x-middleware-next')).toBe('1');
    expect(location(await pages(forged(`${origin}/dashboard`))).pathname).toBe('/sign-in');
  });
});
