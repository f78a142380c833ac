import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createForwardAuthRoute } from './forward-auth-route.js';

const BASE = 'https://app.example.com';
const ISSUER = `${BASE}/api/auth`;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let privateKey: CryptoKey;
let jwks: { keys: JsonWebKey[] };

async function mint(claims: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: ISSUER,
    aud: 'catalyst',
    sub: 'usr_next',
    sid: 'ses_next',
    jti: `jti_${Math.random()}`,
    iat: now,
    exp: now + 300,
    org: null,
    groups: ['staff'],
    labels: [],
    roles: ['member'],
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

/** What Traefik sends for `GET https://app.example.com/reports`, reaching Next over loopback. */
function forward(headers: Record<string, string> = {}, peer = '127.0.0.1'): Request {
  return new Request('http://127.0.0.1:3000/api/auth/forward', {
    headers: {
      'x-forwarded-method': 'GET',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'app.example.com',
      'x-forwarded-uri': '/reports',
      // Without the instrumentation hook the peer is the right-most X-Forwarded-For entry.
      'x-forwarded-for': peer,
      ...headers,
    },
  });
}

beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  privateKey = pair.privateKey;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  jwks = { keys: [{ ...jwk, kid: 'k1', alg: 'EdDSA', use: 'sig' } as JsonWebKey] };
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.unstubAllEnvs());

describe('createForwardAuthRoute', () => {
  it('answers 200 with identity headers for a token from CATALYST_BASE_URL’s issuer', async () => {
    vi.stubEnv('CATALYST_BASE_URL', BASE);
    const handlers = createForwardAuthRoute({ keys: jwks, revocations: null });
    expect(Object.keys(handlers).sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'POST',
      'PUT',
    ]);
    const res = await handlers.GET(forward({ authorization: `Bearer ${await mint()}` }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-user-sub')).toBe('usr_next');
    expect(res.headers.get('remote-groups')).toBe('staff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a token from another issuer: the trust anchor is configuration, not the token', async () => {
    const handlers = createForwardAuthRoute({ baseUrl: BASE, keys: jwks, revocations: null });
    const foreign = await mint({ iss: 'https://evil.example/api/auth' });
    expect((await handlers.GET(forward({ authorization: `Bearer ${foreign}` }))).status).toBe(401);
  });

  it('sends a signed-out browser to the sign-in page on the public base URL', async () => {
    const { GET } = createForwardAuthRoute({ baseUrl: BASE, keys: jwks, revocations: null });
    const res = await GET(forward({ accept: 'text/html' }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      `${BASE}/sign-in?redirect_url=${encodeURIComponent(`${BASE}/reports`)}`,
    );
  });

  it('applies route requirements and answers 403', async () => {
    const { GET } = createForwardAuthRoute({
      baseUrl: BASE,
      keys: jwks,
      revocations: null,
      routes: [{ path: '/reports', require: { roles: ['admin'] } }],
    });
    const res = await GET(forward({ cookie: `catalyst_access=${await mint()}` }));
    expect(res.status).toBe(403);
  });

  it('believes forwarded headers only from loopback by default, or CATALYST_TRUSTED_PROXIES', async () => {
    const token = await mint();
    const { GET } = createForwardAuthRoute({ baseUrl: BASE, keys: jwks, revocations: null });
    const stranger = await GET(forward({ authorization: `Bearer ${token}` }, '203.0.113.9'));
    expect(stranger.status).toBe(400);
    expect(await stranger.json()).toMatchObject({ code: 'untrusted_proxy' });

    vi.stubEnv('CATALYST_TRUSTED_PROXIES', '203.0.113.0/24');
    const configured = createForwardAuthRoute({ baseUrl: BASE, keys: jwks, revocations: null });
    expect(
      (await configured.GET(forward({ authorization: `Bearer ${token}` }, '203.0.113.9'))).status,
    ).toBe(200);
  });

  it('polls the revocation list from the auth routes by default', async () => {
    const fetchSpy = vi.fn(async () => Response.json({ revoked: ['ses_next'], ttlSeconds: 10 }));
    const { GET } = createForwardAuthRoute({
      baseUrl: BASE,
      authOrigin: 'http://127.0.0.1:3000',
      keys: jwks,
      fetch: fetchSpy as unknown as typeof fetch,
    });
    const res = await GET(forward({ authorization: `Bearer ${await mint()}` }));
    expect(res.status).toBe(401);
    expect(String((fetchSpy.mock.calls[0] as unknown[])[0])).toBe(
      'http://127.0.0.1:3000/api/auth/revocations',
    );
  });
});
