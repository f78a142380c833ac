import { base64url, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { IdentityValues } from './identity-headers.js';
import { DECISION_COOKIE } from './types.js';

export const DECISION_TYP = 'catalyst-decision+jwt';
export const MAX_DECISION_TTL_SECONDS = 60;
const DEFAULT_DECISION_TTL_SECONDS = 30;

/** What a decision cookie is bound to: the request must present the same three. */
export interface DecisionBinding {
  /** The original host (`host[:port]`). */
  host: string;
  /** The matched route's `rt`. */
  rt: string;
  /** base64url SHA-256 of the access token presented with the request. */
  th: string;
}

export interface Decision {
  sid: string;
  sub: string;
  values: IdentityValues;
}

export interface DecisionCookies {
  /** A signed decision and its lifetime, or null when the token expires too soon to bother. */
  issue(
    binding: DecisionBinding,
    decision: Decision,
    tokenExp: number,
  ): Promise<{ jwt: string; maxAge: number } | null>;
  /** The decision when the cookie is ours, unexpired and bound to exactly this request; else null. */
  read(jwt: string, binding: DecisionBinding): Promise<Decision | null>;
}

// Hashes of tokens seen recently: the decision path then needs no digest on a repeat request.
const hashes = new LRUCache<string, string>({ max: 10_000 });

/** base64url SHA-256 of a token: what binds a decision cookie to it. */
export async function tokenHash(token: string): Promise<string> {
  const known = hashes.get(token);
  if (known) return known;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  const hash = base64url.encode(new Uint8Array(digest));
  hashes.set(token, hash);
  return hash;
}

function isCryptoKey(value: unknown): value is CryptoKey {
  // Duck-typed: a CryptoKey from another realm (an edge sandbox) fails `instanceof`.
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object CryptoKey]'
  );
}

/** Raw bytes become an HMAC CryptoKey once, not on every sign and verify. */
function importOnce(key: CryptoKey | Uint8Array): () => Promise<CryptoKey | Uint8Array> {
  if (isCryptoKey(key)) return () => Promise.resolve(key);
  let imported: Promise<CryptoKey | Uint8Array> | undefined;
  return () =>
    (imported ??= crypto.subtle
      .importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ])
      .catch(() => key)); // a host without HMAC import: jose imports the bytes itself
}

function secretKey(secret: CryptoKey | Uint8Array): CryptoKey | Uint8Array {
  if (isCryptoKey(secret)) {
    if (secret.type !== 'secret' || secret.algorithm.name !== 'HMAC')
      throw new TypeError('decisionSecret must be an HMAC CryptoKey or at least 32 bytes');
    return secret;
  }
  if (Object.prototype.toString.call(secret) === '[object Uint8Array]') {
    if (secret.byteLength < 32) throw new TypeError('decisionSecret must be at least 32 bytes');
    return new Uint8Array(secret); // our own copy, in our realm
  }
  throw new TypeError('decisionSecret must be an HMAC CryptoKey or a Uint8Array');
}

export function decisionTtl(value: number | undefined): number {
  const ttl = value ?? DEFAULT_DECISION_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_DECISION_TTL_SECONDS)
    throw new TypeError(
      `decisionTtlSeconds must be an integer from 1 to ${MAX_DECISION_TTL_SECONDS}`,
    );
  return ttl;
}

const text = (value: unknown): value is string => typeof value === 'string';

function valuesFrom(raw: unknown): IdentityValues | null {
  if (!raw || typeof raw !== 'object') return null;
  const v = raw as Record<string, unknown>;
  if (![v.org, v.labels, v.scopes, v.roles, v.groups].every(text)) return null;
  return {
    org: v.org as string,
    labels: v.labels as string,
    scopes: v.scopes as string,
    roles: v.roles as string,
    groups: v.groups as string,
  };
}

/**
 * The decision cookie (`catalyst_decision`): an HS256 JWT (`typ: catalyst-decision+jwt`, `iss` our
 * issuer) of at most 60 seconds carrying `th`, `host`, `rt`, `sid`, `sub` and the identity header
 * values. Verification pins HS256, so no asymmetric token or `alg: none` can pass for one.
 */
export function createDecisionCookies(options: {
  secret: CryptoKey | Uint8Array;
  issuer: string;
  ttlSeconds: number | undefined;
  now: () => Date;
}): DecisionCookies {
  const key = importOnce(secretKey(options.secret));
  const ttl = decisionTtl(options.ttlSeconds);
  // Cookies this process has verified, until they expire: a repeat request does no HMAC work.
  const verified = new LRUCache<string, { payload: JWTPayload; exp: number }>({
    max: 10_000,
  });
  return {
    async issue(binding, decision, tokenExp) {
      const iat = Math.floor(options.now().getTime() / 1000);
      const exp = Math.min(iat + ttl, Math.floor(tokenExp));
      if (exp - iat < 1) return null;
      const jwt = await new SignJWT({
        th: binding.th,
        host: binding.host,
        rt: binding.rt,
        sid: decision.sid,
        hv: { ...decision.values },
      })
        .setProtectedHeader({ alg: 'HS256', typ: DECISION_TYP })
        .setIssuer(options.issuer)
        .setSubject(decision.sub)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(await key());
      return { jwt, maxAge: exp - iat };
    },
    async read(jwt, binding) {
      if (jwt.length > 4096) return null;
      try {
        const nowSeconds = options.now().getTime() / 1000;
        let payload = verified.get(jwt)?.payload;
        if (payload && (payload.exp as number) <= nowSeconds) {
          verified.delete(jwt);
          payload = undefined;
        }
        if (!payload) {
          ({ payload } = await jwtVerify(jwt, await key(), {
            algorithms: ['HS256'],
            typ: DECISION_TYP,
            issuer: options.issuer,
            currentDate: options.now(),
            clockTolerance: 0,
            maxTokenAge: MAX_DECISION_TTL_SECONDS,
            requiredClaims: ['exp', 'iat', 'sub', 'sid', 'th', 'host', 'rt'],
          }));
          verified.set(jwt, { payload, exp: payload.exp as number });
        }
        const values = valuesFrom(payload.hv);
        if (
          payload.host !== binding.host ||
          payload.rt !== binding.rt ||
          payload.th !== binding.th ||
          !text(payload.sid) ||
          !text(payload.sub) ||
          !values
        )
          return null;
        return { sid: payload.sid, sub: payload.sub, values };
      } catch {
        return null; // any mismatch: fall back to full evaluation, never an error
      }
    },
  };
}

/** `Set-Cookie` for a decision: host-only unless `domain`, `Secure` when the original was https. */
export function decisionSetCookie(
  jwt: string,
  maxAge: number,
  secure: boolean,
  domain: string | undefined,
): string {
  return [
    `${DECISION_COOKIE}=${jwt}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
    ...(domain ? [`Domain=${domain}`] : []),
  ].join('; ');
}
