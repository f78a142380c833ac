/**
 * Attacks on forward-auth: forged, confused and replayed credentials must all be refused with a
 * 401 (never a 200, never a 500); decision cookies only ever answer for the request they were made
 * for; forwarded headers are believed only from trusted proxies.
 */
import { base64url, exportJWK, generateKeyPair, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createForwardAuth } from './create-forward-auth.js';
import {
  accessClaims,
  DECISION_SECRET,
  forwardRequest,
  handlerOptions,
  makeHandler,
  makeKeys,
  mint,
  nowSeconds,
  setCookieValue,
  STRANGER_IP,
  TRUSTED,
  type TestKeys,
} from './test-support.js';
import type { ForwardAuth, ForwardAuthDecisionEvent } from './types.js';

const JWKS_URL = 'https://auth.example.test/api/auth/.well-known/jwks.json';
const ATTACKER = 'https://attacker.example.net';

const segment = (value: unknown) =>
  base64url.encode(new TextEncoder().encode(JSON.stringify(value)));

async function signEd25519(key: CryptoKey, header: object, payload: object): Promise<string> {
  const input = `${segment(header)}.${segment(payload)}`;
  const signature = await crypto.subtle.sign('Ed25519', key, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

async function signHs256(
  secret: Uint8Array<ArrayBuffer>,
  header: object,
  payload: object,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    secret,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const input = `${segment(header)}.${segment(payload)}`;
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

let keys: TestKeys;
let attacker: { privateKey: CryptoKey; jwk: Record<string, unknown> };
let fetchSpy: ReturnType<typeof vi.fn>;
let fa: ForwardAuth;
let events: ForwardAuthDecisionEvent[];

beforeAll(async () => {
  keys = await makeKeys('real-key');
  const pair = await generateKeyPair('EdDSA', { extractable: true });
  attacker = {
    privateKey: pair.privateKey as CryptoKey,
    jwk: { ...(await exportJWK(pair.publicKey)), alg: 'EdDSA', use: 'sig' },
  };
  fetchSpy = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === JWKS_URL) return Response.json(keys.jwks);
    return Response.json({ keys: [{ ...attacker.jwk, kid: 'real-key' }] });
  });
  events = [];
  fa = createForwardAuth({
    ...handlerOptions(keys),
    jwks: JWKS_URL,
    fetch: fetchSpy as unknown as typeof fetch,
    decisionSecret: DECISION_SECRET,
    onDecision: (event) => events.push(event),
  });
});

async function expectRefused(token: string, handler: ForwardAuth = fa): Promise<void> {
  for (const request of [
    forwardRequest({ bearer: token }),
    forwardRequest({ cookie: `catalyst_access=${token}` }),
  ]) {
    const res = await handler.handle(request, TRUSTED);
    expect(res.status, 'must be refused with 401').toBe(401);
    expect(res.headers.get('x-user-sub')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
  }
}

describe('forged and confused access tokens', () => {
  it('accepts the genuine token (control)', async () => {
    const res = await fa.handle(forwardRequest({ bearer: await mint(keys) }), TRUSTED);
    expect(res.status).toBe(200);
  });

  it('refuses alg "none" (an unsigned token crafted by hand)', async () => {
    const unsigned = `${segment({ alg: 'none', typ: 'at+jwt', kid: 'real-key' })}.${segment(accessClaims())}.`;
    await expectRefused(unsigned);
    await expectRefused(`${segment({ alg: 'none', typ: 'at+jwt' })}.${segment(accessClaims())}`);
  });

  it('refuses HS256 "signed" with the public key bytes', async () => {
    const jwk = keys.jwks.keys[0]!;
    const header = { alg: 'HS256', typ: 'at+jwt', kid: 'real-key' };
    await expectRefused(
      await signHs256(new Uint8Array(base64url.decode(jwk.x!)), header, accessClaims()),
    );
    await expectRefused(
      await signHs256(new TextEncoder().encode(JSON.stringify(jwk)), header, accessClaims()),
    );
  });

  it('refuses an unknown kid and kid values carrying injection strings', async () => {
    for (const kid of ['unknown', '../../etc/passwd', "' OR 1=1 --", '\u0000', 'real-key\u0000'])
      await expectRefused(await mint(keys, {}, { kid }));
  });

  it('ignores jku, x5u and jwk headers: no fetch goes there, and attacker-signed tokens fail', async () => {
    const claims = accessClaims();
    for (const extra of [
      { jku: `${ATTACKER}/jwks.json` },
      { x5u: `${ATTACKER}/cert.pem` },
      { jwk: attacker.jwk },
    ]) {
      // Signed by the attacker, claiming our kid, pointing at the attacker's key.
      const forged = await signEd25519(
        attacker.privateKey,
        { alg: 'EdDSA', typ: 'at+jwt', kid: 'real-key', ...extra },
        claims,
      );
      await expectRefused(forged);
      const noKid = await signEd25519(
        attacker.privateKey,
        { alg: 'EdDSA', typ: 'at+jwt', ...extra },
        claims,
      );
      await expectRefused(noKid);
    }
    const urls = fetchSpy.mock.calls.map((call) => String((call as unknown[])[0]));
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((url) => url === JWKS_URL)).toBe(true);
  });

  it('refuses an unknown crit header even when the signature is ours', async () => {
    const token = await signEd25519(
      keys.privateKey as CryptoKey,
      {
        alg: 'EdDSA',
        typ: 'at+jwt',
        kid: 'real-key',
        crit: ['x-catalyst-unknown'],
        'x-catalyst-unknown': 1,
      },
      accessClaims(),
    );
    await expectRefused(token);
  });

  it('refuses expired, not-yet-valid and future-issued tokens', async () => {
    const now = nowSeconds();
    await expectRefused(await mint(keys, { iat: now - 900, exp: now - 600 }));
    await expectRefused(await mint(keys, { nbf: now + 600 }));
    await expectRefused(await mint(keys, { iat: now + 86_400, exp: now + 86_700 }));
  });

  it('refuses the wrong issuer, audience or typ', async () => {
    await expectRefused(await mint(keys, { iss: `${ATTACKER}/api/auth` }));
    await expectRefused(await mint(keys, { aud: 'another-service' }));
    await expectRefused(await mint(keys, {}, { typ: 'JWT' }));
    await expectRefused(await mint(keys, {}, { typ: undefined }));
  });

  it('refuses tokens missing a required claim (sid, jti)', async () => {
    await expectRefused(await mint(keys, { sid: undefined }));
    await expectRefused(await mint(keys, { jti: undefined }));
  });

  it('refuses an HS256 decision cookie presented as a bearer or access token', async () => {
    const token = await mint(keys);
    const issued = await fa.handle(forwardRequest({ access: token }), TRUSTED);
    const decision = setCookieValue(issued, 'catalyst_decision')!;
    expect(decision).toBeTruthy();
    await expectRefused(decision);
  });

  it('refuses garbage without a 500', async () => {
    for (const junk of [
      '',
      'a.b',
      'a.b.c',
      '....',
      '%%%',
      'x'.repeat(20_000),
      '\u00ff.\u00ff.\u00ff',
    ])
      for (const request of [
        forwardRequest({ bearer: junk }),
        forwardRequest({ cookie: `catalyst_access=${junk}` }),
      ]) {
        const res = await fa.handle(request, TRUSTED);
        expect([401]).toContain(res.status);
      }
  });
});

describe('decision cookie replay', () => {
  const routes = [
    { id: 'admin-host', host: 'admin.example.com', require: { roles: ['owner'] } },
    { id: 'billing', path: '/billing/*', require: { roles: ['owner'] } },
  ];
  let replay: ForwardAuth;
  let now: number;
  let alice: string;
  let decision: string;
  const log: ForwardAuthDecisionEvent[] = [];

  beforeAll(async () => {
    now = Date.now();
    replay = makeHandler(keys, {
      routes,
      decisionSecret: DECISION_SECRET,
      now: () => new Date(now),
      onDecision: (e) => log.push(e),
    });
    alice = await mint(keys); // role admin, not owner
    const first = await replay.handle(forwardRequest({ access: alice, uri: '/home' }), TRUSTED);
    expect(first.status).toBe(200);
    decision = setCookieValue(first, 'catalyst_decision')!;
  });

  const withDecision = (f: Parameters<typeof forwardRequest>[0]) =>
    forwardRequest({
      ...f,
      cookie: `${f?.cookie ? `${f.cookie}; ` : ''}catalyst_decision=${decision}`,
    });

  it('is honoured for the same token, host and route (control)', async () => {
    const res = await replay.handle(withDecision({ bearer: alice, uri: '/other' }), TRUSTED);
    expect(res.status).toBe(200);
    expect(log.at(-1)?.cached).toBe('decision');
  });

  it('is refused with a different access token, or with none', async () => {
    const bob = await mint(keys, { sub: 'usr_bob', sid: 'ses_bob', roles: [] });
    const other = await replay.handle(withDecision({ bearer: bob }), TRUSTED);
    expect(other.status).toBe(200);
    expect(other.headers.get('x-user-sub')).toBe('usr_bob'); // judged as Bob, never as Alice
    expect(log.at(-1)?.cached).not.toBe('decision');
    expect((await replay.handle(withDecision({}), TRUSTED)).status).toBe(401);
    expect(
      (await replay.handle(withDecision({ bearer: 'forged.token.here' }), TRUSTED)).status,
    ).toBe(401);
  });

  it('is refused for a different host', async () => {
    const res = await replay.handle(
      withDecision({ bearer: alice, host: 'admin.example.com' }),
      TRUSTED,
    );
    expect(res.status).toBe(403);
    const port = await replay.handle(
      withDecision({ bearer: alice, host: 'app.example.com:8443' }),
      TRUSTED,
    );
    expect(log.at(-1)?.cached).not.toBe('decision');
    expect(port.status).toBe(200);
  });

  it('is refused for a different route', async () => {
    const res = await replay.handle(
      withDecision({ bearer: alice, uri: '/billing/invoices' }),
      TRUSTED,
    );
    expect(res.status).toBe(403);
  });

  it('is refused after it expires', async () => {
    now += 31_000;
    const res = await replay.handle(withDecision({ bearer: alice }), TRUSTED);
    expect(log.at(-1)?.cached).not.toBe('decision');
    expect(res.status).toBe(200); // full evaluation, which this token still passes
    now -= 31_000;
  });

  it('is refused when signed with alg none or another secret', async () => {
    const [, payload] = decision.split('.');
    const none = `${segment({ alg: 'none', typ: 'catalyst-decision+jwt' })}.${payload}.`;
    const resigned = await signHs256(
      new Uint8Array(32).fill(1),
      { alg: 'HS256', typ: 'catalyst-decision+jwt' },
      JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as JWTPayload,
    );
    for (const forged of [none, resigned]) {
      await replay.handle(
        forwardRequest({ bearer: alice, cookie: `catalyst_decision=${forged}` }),
        TRUSTED,
      );
      expect(log.at(-1)?.cached).not.toBe('decision');
    }
  });
});

describe('forwarded headers', () => {
  it('refuses spoofed X-Forwarded-* from a peer that is not a trusted proxy', async () => {
    const token = await mint(keys);
    const handler = makeHandler(keys);
    const res = await handler.handle(
      forwardRequest({ bearer: token, host: 'admin.example.com', uri: '/' }),
      { ip: STRANGER_IP },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'untrusted_proxy' });
    expect(res.headers.get('x-user-sub')).toBeNull();
  });

  it('answers malformed forwarded headers 400 naming the header', async () => {
    const handler = makeHandler(keys);
    const res = await handler.handle(
      forwardRequest({ headers: { 'x-forwarded-host': 'app.example.com/../admin' } }),
      TRUSTED,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'malformed_forward_headers',
      field: 'x-forwarded-host',
    });
  });
});

describe('untrusted configuration never comes from the request', () => {
  it('ignores an issuer and JWKS the token names', async () => {
    const handler = makeHandler(keys);
    const selfIssued = await signEd25519(
      attacker.privateKey,
      { alg: 'EdDSA', typ: 'at+jwt', kid: 'evil', jku: `${ATTACKER}/jwks.json` },
      { ...accessClaims(), iss: ATTACKER },
    );
    await expectRefused(selfIssued, handler);
    expect(events.every((e) => e.status !== 500)).toBe(true);
  });
});
