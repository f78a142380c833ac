import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { AuthkitError } from '../domain/errors.js';
import type { AccessTokenClaims } from '../domain/types.js';

/** Asymmetric algorithms only: an HS256 token "signed" with our public key must never verify. */
export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA', 'RS256', 'ES256'] as const;

export interface VerifyAccessTokenOptions {
  /** A JWKS URL (fetched and cached), or a key getter such as `createRemoteJWKSet(...)`. */
  jwks?: string | URL | JWTVerifyGetKey;
  /** Public keys held locally: a JWKS document or an array of JWKs. */
  keys?: JSONWebKeySet | JWK[];
  issuer: string;
  audience: string | string[];
  /** Seconds of clock skew tolerated on `exp`/`iat` (default 5). */
  clockToleranceSeconds?: number;
  /** Evaluate `exp` against this time instead of now (tests, replays). */
  currentDate?: Date;
}

const remoteSets = new Map<string, JWTVerifyGetKey>();
// Keyed by the caller's object, so a JWKS held in a variable is imported once, not per token.
const localSets = new WeakMap<object, JWTVerifyGetKey>();

function keySource(options: VerifyAccessTokenOptions): JWTVerifyGetKey {
  if (typeof options.jwks === 'function') return options.jwks;
  if (options.jwks !== undefined) {
    const url = String(options.jwks);
    let set = remoteSets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url));
      remoteSets.set(url, set);
    }
    return set;
  }
  if (options.keys) {
    let set = localSets.get(options.keys);
    if (!set) {
      set = createLocalJWKSet(Array.isArray(options.keys) ? { keys: options.keys } : options.keys);
      localSets.set(options.keys, set);
    }
    return set;
  }
  throw new TypeError('verifyAccessToken needs `jwks` or `keys`');
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim "${error.claim}" invalid`;
  return 'malformed token';
}

/**
 * Verifies a Catalyst access token on Web APIs alone (Node, Bun, Deno, edge runtimes): signature
 * against the JWKS, an asymmetric `alg`, `typ: at+jwt`, issuer, audience and expiry.
 * Throws `AuthkitError` with code `invalid_token` and the reason in its message.
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keySource(options), {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      typ: 'at+jwt',
      clockTolerance: options.clockToleranceSeconds ?? 5,
      requiredClaims: ['sub', 'exp', 'iat', 'jti', 'sid'],
      ...(options.currentDate ? { currentDate: options.currentDate } : {}),
    });
    // jose checks `iat` only with a maximum age; a token "issued" in the future is forged or
    // from a broken clock either way.
    const now = Math.floor((options.currentDate ?? new Date()).getTime() / 1000);
    if (
      typeof payload.iat === 'number' &&
      payload.iat > now + (options.clockToleranceSeconds ?? 5)
    ) {
      throw new errors.JWTClaimValidationFailed('"iat" claim is in the future', payload, 'iat');
    }
    return payload as unknown as AccessTokenClaims;
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw new AuthkitError('invalid_token', `access token rejected: ${reason(error)}`, {
      cause: error,
    });
  }
}
