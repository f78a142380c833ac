import { base64url, createLocalJWKSet, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuthkitError } from '../domain/errors.js';
import type { SigningAlgorithm } from '../domain/types.js';
import {
  mintAccessToken,
  type AccessTokenBody,
  type ActiveSigningKey,
} from '../tokens/access-token.js';
import {
  generateSigningKey,
  importPrivateKey,
  type GeneratedSigningKey,
} from '../tokens/signing-key.js';
import { verifyAccessToken, type VerifyAccessTokenOptions } from './verify-access-token.js';

const ISSUER = 'https://auth.example.test';
const AUDIENCE = 'https://api.example.test';

const BODY: AccessTokenBody = {
  sub: 'usr_test',
  sid: 'ses_test',
  org: null,
  groups: ['g1'],
  labels: [],
  roles: ['admin'],
  plan: null,
  ent: [],
  scopes: ['read'],
  amr: ['pwd'],
};

interface TestKey {
  generated: GeneratedSigningKey;
  active: ActiveSigningKey;
}

async function makeKey(alg: SigningAlgorithm): Promise<TestKey> {
  const generated = await generateSigningKey(alg);
  const privateKey = await importPrivateKey(generated.privateJwk, alg);
  return { generated, active: { kid: generated.kid, alg, privateKey } };
}

function mint(
  key: TestKey,
  overrides: { now?: Date; ttlSeconds?: number; issuer?: string; audience?: string } = {},
) {
  return mintAccessToken(BODY, key.active, {
    issuer: overrides.issuer ?? ISSUER,
    audience: overrides.audience ?? AUDIENCE,
    ttlSeconds: overrides.ttlSeconds ?? 300,
    now: overrides.now ?? new Date(),
  });
}

async function expectInvalidToken(promise: Promise<unknown>): Promise<AuthkitError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the token to be rejected').toBeInstanceOf(AuthkitError);
  const authkitError = error as AuthkitError;
  expect(authkitError.code).toBe('invalid_token');
  expect(authkitError.status).toBe(401);
  return authkitError;
}

function segments(token: string): [string, string, string] {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''];
}

const encodeJson = (value: unknown) =>
  base64url.encode(new TextEncoder().encode(JSON.stringify(value)));
const decodeJson = (segment: string) =>
  JSON.parse(new TextDecoder().decode(base64url.decode(segment))) as Record<string, unknown>;

type KeySourceName = 'keys array' | 'jwks getter';
const KEY_SOURCES: KeySourceName[] = ['keys array', 'jwks getter'];

function optionsFor(source: KeySourceName, publicJwks: JWK[]): VerifyAccessTokenOptions {
  if (source === 'keys array') return { keys: publicJwks, issuer: ISSUER, audience: AUDIENCE };
  return { jwks: createLocalJWKSet({ keys: publicJwks }), issuer: ISSUER, audience: AUDIENCE };
}

describe.each(KEY_SOURCES)('verifyAccessToken (%s)', (source) => {
  let key: TestKey;
  let options: VerifyAccessTokenOptions;

  beforeAll(async () => {
    key = await makeKey('EdDSA');
    options = optionsFor(source, [key.generated.publicJwk]);
  });

  it('verifies a valid token and returns its claims', async () => {
    const now = new Date();
    const token = await mint(key, { now, ttlSeconds: 600 });
    const claims = await verifyAccessToken(token, options);
    const iat = Math.floor(now.getTime() / 1000);
    expect(claims).toMatchObject({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'usr_test',
      sid: 'ses_test',
      roles: ['admin'],
      scopes: ['read'],
      amr: ['pwd'],
      iat,
      exp: iat + 600,
    });
    expect(claims.jti).toMatch(/^at_/);
  });

  it('accepts an audience list that contains the token audience', async () => {
    const token = await mint(key);
    const claims = await verifyAccessToken(token, {
      ...options,
      audience: ['https://other.test', AUDIENCE],
    });
    expect(claims.aud).toBe(AUDIENCE);
  });

  it('rejects an expired token', async () => {
    const token = await mint(key, { now: new Date(Date.now() - 3_600_000), ttlSeconds: 300 });
    const error = await expectInvalidToken(verifyAccessToken(token, options));
    expect(error.message).toContain('expired');
  });

  it('evaluates expiry against currentDate when given', async () => {
    const minted = new Date(Date.now() - 3_600_000);
    const token = await mint(key, { now: minted, ttlSeconds: 300 });
    const claims = await verifyAccessToken(token, {
      ...options,
      currentDate: new Date(minted.getTime() + 60_000),
    });
    expect(claims.sub).toBe('usr_test');
    await expectInvalidToken(
      verifyAccessToken(token, { ...options, currentDate: new Date(minted.getTime() + 400_000) }),
    );
  });

  it('rejects a token issued in the future (beyond the clock tolerance)', async () => {
    const token = await mint(key, { now: new Date(Date.now() + 600_000), ttlSeconds: 3600 });
    const error = await expectInvalidToken(verifyAccessToken(token, options));
    expect(error.message).toContain('iat');
  });

  it('rejects a token with a tampered payload', async () => {
    const token = await mint(key);
    const [header, payload, signature] = segments(token);
    const claims = decodeJson(payload);
    expect(claims.sub).toBe('usr_test');
    const forged = `${header}.${encodeJson({ ...claims, sub: 'usr_attacker', roles: ['owner'] })}.${signature}`;
    const error = await expectInvalidToken(verifyAccessToken(forged, options));
    expect(error.message).toContain('signature');
  });

  it('rejects a token with a tampered signature', async () => {
    const token = await mint(key);
    const [header, payload, signature] = segments(token);
    const bytes = base64url.decode(signature);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await expectInvalidToken(
      verifyAccessToken(`${header}.${payload}.${base64url.encode(bytes)}`, options),
    );
  });

  it('rejects an unsigned token (alg: none)', async () => {
    const valid = await mint(key);
    const [, payload] = segments(valid);
    const header = encodeJson({ alg: 'none', typ: 'at+jwt', kid: key.generated.kid });
    await expectInvalidToken(verifyAccessToken(`${header}.${payload}.`, options));
  });

  it('rejects an HS256 token whose HMAC secret is the JSON public key', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(key.generated.publicJwk));
    const forged = await new SignJWT({ ...BODY })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: key.generated.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('at_forged')
      .sign(secret);
    const error = await expectInvalidToken(verifyAccessToken(forged, options));
    expect(error.message).toContain('algorithm');
  });

  it('rejects an HS256 token whose HMAC secret is the raw public key bytes', async () => {
    const x = key.generated.publicJwk.x;
    expect(typeof x).toBe('string');
    const forged = await new SignJWT({ ...BODY })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: key.generated.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('at_forged')
      .sign(base64url.decode(x ?? ''));
    await expectInvalidToken(verifyAccessToken(forged, options));
  });

  it('rejects a token signed by a key with an unknown kid', async () => {
    const stranger = await makeKey('EdDSA');
    expect(stranger.generated.kid).not.toBe(key.generated.kid);
    const token = await mint(stranger);
    const error = await expectInvalidToken(verifyAccessToken(token, options));
    expect(error.message).toContain('unknown signing key');
  });

  it('rejects a token from another key that claims our kid', async () => {
    const stranger = await makeKey('EdDSA');
    const token = await mint(stranger, {});
    const [, payload, signature] = segments(token);
    const header = encodeJson({ alg: 'EdDSA', kid: key.generated.kid, typ: 'at+jwt' });
    await expectInvalidToken(verifyAccessToken(`${header}.${payload}.${signature}`, options));
  });

  it('rejects a wrong issuer', async () => {
    const token = await mint(key, { issuer: 'https://evil.example.test' });
    const error = await expectInvalidToken(verifyAccessToken(token, options));
    expect(error.message).toContain('"iss"');
  });

  it('rejects a wrong audience', async () => {
    const token = await mint(key, { audience: 'https://other-api.example.test' });
    const error = await expectInvalidToken(verifyAccessToken(token, options));
    expect(error.message).toContain('"aud"');
  });

  it('rejects a token without typ at+jwt', async () => {
    const base = () =>
      new SignJWT({ ...BODY })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .setJti('at_untyped');
    const untyped = await base()
      .setProtectedHeader({ alg: 'EdDSA', kid: key.generated.kid })
      .sign(key.active.privateKey);
    const plainJwt = await base()
      .setProtectedHeader({ alg: 'EdDSA', kid: key.generated.kid, typ: 'JWT' })
      .sign(key.active.privateKey);
    const typed = await base()
      .setProtectedHeader({ alg: 'EdDSA', kid: key.generated.kid, typ: 'at+jwt' })
      .sign(key.active.privateKey);
    // The same construction with the right typ verifies, so the rejections below are about typ.
    await expect(verifyAccessToken(typed, options)).resolves.toMatchObject({ jti: 'at_untyped' });
    await expectInvalidToken(verifyAccessToken(untyped, options));
    const error = await expectInvalidToken(verifyAccessToken(plainJwt, options));
    expect(error.message).toContain('"typ"');
  });

  it('rejects a token missing the sid claim', async () => {
    const { sid: _sid, ...withoutSid } = BODY;
    const token = await new SignJWT({ ...withoutSid })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.generated.kid, typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('at_nosid')
      .sign(key.active.privateKey);
    await expectInvalidToken(verifyAccessToken(token, options));
  });

  it('rejects garbage input', async () => {
    await expectInvalidToken(verifyAccessToken('not-a-jwt', options));
    await expectInvalidToken(verifyAccessToken('', options));
  });
});

describe('verifyAccessToken with other algorithms', () => {
  it.each<SigningAlgorithm>(['RS256', 'ES256'])('verifies a %s token', async (alg) => {
    const key = await makeKey(alg);
    expect(key.generated.publicJwk.alg).toBe(alg);
    const token = await mint(key);
    expect(decodeJson(segments(token)[0])).toMatchObject({
      alg,
      kid: key.generated.kid,
      typ: 'at+jwt',
    });
    for (const source of KEY_SOURCES) {
      const claims = await verifyAccessToken(token, optionsFor(source, [key.generated.publicJwk]));
      expect(claims.sub).toBe('usr_test');
    }
  });

  it('picks the right key by kid from a set of mixed algorithms', async () => {
    const keys = await Promise.all((['EdDSA', 'RS256', 'ES256'] as const).map(makeKey));
    const jwks = keys.map((k) => k.generated.publicJwk);
    for (const key of keys) {
      const claims = await verifyAccessToken(await mint(key), {
        keys: { keys: jwks },
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      expect(claims.sid).toBe('ses_test');
    }
  });

  it('rejects an RS256 token verified against only an ES256 key', async () => {
    const rsa = await makeKey('RS256');
    const ec = await makeKey('ES256');
    await expectInvalidToken(
      verifyAccessToken(await mint(rsa), {
        keys: [ec.generated.publicJwk],
        issuer: ISSUER,
        audience: AUDIENCE,
      }),
    );
  });

  it('throws a TypeError when no key source is configured', async () => {
    const key = await makeKey('EdDSA');
    await expect(
      verifyAccessToken(await mint(key), { issuer: ISSUER, audience: AUDIENCE }),
    ).rejects.toThrow(TypeError);
  });
});
