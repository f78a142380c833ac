/**
 * The JWT attacks of the forward-auth suite, at the API: each forged or confused bearer token is
 * a 401 on `GET /me/keys` (never a 200, never a 500), while the genuine token works (control).
 */
import { base64url, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, PASSWORD, uniqueEmail } from '../../test/instances.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';

const segment = (value: unknown) =>
  base64url.encode(new TextEncoder().encode(JSON.stringify(value)));

async function sign(alg: 'EdDSA' | 'HS256', key: CryptoKey, header: object, payload: object) {
  const input = `${segment(header)}.${segment(payload)}`;
  const name = alg === 'EdDSA' ? 'Ed25519' : 'HMAC';
  const signature = await crypto.subtle.sign(name, key, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

describe('JWT hardening at the API (bearer tokens)', () => {
  const clock = manualClock();
  let t: TestInstance;
  let genuine: string;
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  let attacker: CryptoKey;
  let attackerJwk: Record<string, unknown>;
  let publicJwkText: string;

  beforeAll(async () => {
    t = await createTestInstance({ clock });
    const browser = t.newBrowser();
    const up = await browser.client.signUp({ email: uniqueEmail('jwt'), password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    genuine = browser.jar.get('catalyst_access')!;
    header = decodeProtectedHeader(genuine) as Record<string, unknown>;
    claims = decodeJwt(genuine) as Record<string, unknown>;
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    attacker = pair.privateKey;
    attackerJwk = await exportJWK(pair.publicKey);
    const jwks = (await (await t.fetch('/api/auth/.well-known/jwks.json')).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    publicJwkText = JSON.stringify(jwks.keys.find((k) => k.kid === header.kid));
  });
  afterAll(() => t.close());

  const status = async (token: string) =>
    (
      await t.authkit.handler(
        new Request('http://localhost:3000/api/auth/me/keys', {
          headers: { authorization: `Bearer ${token}` },
        }),
      )
    ).status;

  it('accepts the genuine token (control)', async () => {
    expect(await status(genuine)).toBe(200);
  });

  it('refuses alg none, with or without a signature', async () => {
    const unsigned = `${segment({ ...header, alg: 'none' })}.${segment(claims)}.`;
    expect(await status(unsigned)).toBe(401);
    expect(await status(`${unsigned}${genuine.split('.')[2]}`)).toBe(401);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const secret = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(publicJwkText),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    expect(await status(await sign('HS256', secret, { ...header, alg: 'HS256' }, claims))).toBe(
      401,
    );
  });

  it.each([
    ['an unknown kid', { kid: 'not-ours' }],
    ['our kid, signed by another key', {}],
    ['a path in kid', { kid: '../../../../etc/passwd' }],
    ['SQL in kid', { kid: "' OR 1=1 --" }],
    ['a NUL in kid', { kid: 'a\u0000b' }],
    ['a jku pointing elsewhere', { jku: 'https://attacker.example/jwks.json' }],
    ['an x5u pointing elsewhere', { x5u: 'https://attacker.example/cert.pem' }],
    ['an embedded jwk', { jwk: 'ATTACKER' }],
  ])('refuses %s', async (_label, extra) => {
    const forged: Record<string, unknown> = { ...header, ...extra };
    if (forged.jwk === 'ATTACKER') forged.jwk = attackerJwk;
    expect(await status(await sign('EdDSA', attacker, forged, claims))).toBe(401);
  });

  it('refuses an unknown crit header and a tampered payload', async () => {
    const crit = await sign(
      'EdDSA',
      attacker,
      { ...header, crit: ['x-unknown'], 'x-unknown': 1 },
      claims,
    );
    expect(await status(crit)).toBe(401);
    const [h, , s] = genuine.split('.');
    const tampered = `${h}.${segment({ ...claims, sub: 'usr_someone_else' })}.${s}`;
    expect(await status(tampered)).toBe(401);
  });

  it('refuses the genuine token once expired', async () => {
    clock.advance(3600);
    expect(await status(genuine)).toBe(401);
  });
});
