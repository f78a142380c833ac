import { createRemoteJWKSet, customFetch, errors, type JWTVerifyGetKey } from 'jose';
import { AuthkitError } from '../../domain/errors.js';
import type { AccessTokenClaims } from '../../domain/types.js';
import { VerifiedTokenCache } from '../../tokens/verified-token-cache.js';
import { verifyAccessToken, type VerifyAccessTokenOptions } from '../verify-access-token.js';
import { MAX_TOKEN_LENGTH } from './credentials.js';
import type { ForwardAuthOptions } from './types.js';

export type TokenCheck =
  { ok: true; claims: AccessTokenClaims; cached: boolean } | { ok: false; expired: boolean };

/** The key source could not be reached (JWKS down): the token can be judged neither way. */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
}

export interface TokenVerifier {
  verify(token: string): Promise<TokenCheck>;
  clear(): void;
}

function keySource(options: ForwardAuthOptions): Pick<VerifyAccessTokenOptions, 'jwks' | 'keys'> {
  if (options.jwks !== undefined && typeof options.jwks !== 'function') {
    // Our own remote set, so the injected `fetch` is the only way out to the network.
    const fetchImpl = options.fetch;
    const url = new URL(String(options.jwks));
    const getter: JWTVerifyGetKey = createRemoteJWKSet(
      url,
      fetchImpl ? { [customFetch]: (input, init) => fetchImpl(input, init) } : {},
    );
    return { jwks: getter };
  }
  if (options.jwks !== undefined) return { jwks: options.jwks };
  if (options.keys !== undefined) return { keys: options.keys };
  throw new TypeError('createForwardAuth needs `jwks` (a URL or key getter) or `keys`');
}

function isKeySourceFailure(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch failed before any key was seen
  const cause = error instanceof AuthkitError ? error.cause : error;
  return (
    cause instanceof errors.JWKSTimeout ||
    cause instanceof errors.JWKSInvalid ||
    cause instanceof TypeError ||
    // jose's plain JOSEError: the JWKS answered non-200 or not JSON
    (cause instanceof errors.JOSEError && cause.constructor === errors.JOSEError)
  );
}

/**
 * `verifyAccessToken` behind a bounded cache of verified tokens (until their `exp`): a repeat token
 * does no signature work, and concurrent first requests for one token share a single verification.
 * Also refuses an `iat` in the future, which jose only checks when a maximum age is given.
 */
export function createTokenVerifier(options: ForwardAuthOptions): TokenVerifier {
  const now = options.now ?? (() => new Date());
  const tolerance = options.clockToleranceSeconds ?? 5;
  let cache = new VerifiedTokenCache(options.cacheSize ?? 10_000);
  const inflight = new Map<string, Promise<TokenCheck>>();
  const base: VerifyAccessTokenOptions = {
    ...keySource(options),
    issuer: options.issuer,
    audience: options.audience,
    clockToleranceSeconds: tolerance,
  };

  async function fullVerify(token: string): Promise<TokenCheck> {
    const at = now();
    try {
      const claims = await verifyAccessToken(token, { ...base, currentDate: at });
      if (typeof claims.iat !== 'number' || claims.iat > at.getTime() / 1000 + tolerance)
        return { ok: false, expired: false };
      cache.set(token, claims, at);
      return { ok: true, claims, cached: false };
    } catch (error) {
      if (isKeySourceFailure(error))
        throw new KeysUnavailableError('the signing keys could not be fetched', { cause: error });
      if (!(error instanceof AuthkitError)) throw error;
      // jose checks the signature before the claims: an expired token was genuinely ours.
      return { ok: false, expired: error.cause instanceof errors.JWTExpired };
    }
  }

  return {
    async verify(token) {
      if (token === '' || token.length > MAX_TOKEN_LENGTH) return { ok: false, expired: false };
      const hit = cache.get(token, now());
      if (hit) return { ok: true, claims: hit, cached: true };
      let pending = inflight.get(token);
      if (!pending) {
        pending = fullVerify(token).finally(() => inflight.delete(token));
        inflight.set(token, pending);
      }
      return pending;
    },
    clear() {
      inflight.clear();
      cache = new VerifiedTokenCache(options.cacheSize ?? 10_000);
    },
  };
}
