import { isAuthkitError, verifyAccessToken, type AccessTokenClaims } from '@catalyst/authkit/edge';
import { resolveGuardConfig } from './guard-config.js';
import { ACCESS_COOKIE, type GuardOptions } from './guard-options.js';

export type TokenDecision =
  | { status: 'valid'; claims: AccessTokenClaims; token: string }
  | { status: 'invalid'; reason: string }
  /** A token was sent but the signing keys could not be fetched: it cannot be judged either way. */
  | { status: 'unavailable'; reason: string }
  | { status: 'missing' };

// jose's codes for a JWKS that could not be fetched: timeout, non-200 or non-JSON, not a key set.
const KEY_FETCH_ERRORS = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID']);

function keysUnavailable(error: unknown): string | undefined {
  // verifyAccessToken rethrows what is not a token problem as is, e.g. fetch's "fetch failed".
  if (!isAuthkitError(error)) return error instanceof Error ? error.message : String(error);
  const cause = error.cause as { code?: unknown; message?: string } | undefined;
  return typeof cause?.code === 'string' && KEY_FETCH_ERRORS.has(cause.code)
    ? (cause.message ?? cause.code)
    : undefined;
}

// Takes a plain Request (not only NextRequest), so it parses the one cookie it needs itself.
function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw; // malformed escapes: a token that will simply fail to verify (401, not 503)
      }
    }
  }
  return undefined;
}

/**
 * Reads the access token (Authorization: Bearer, else the access cookie) and verifies it against
 * the configured issuer and JWKS — never anything the request names (`Host`, `X-Forwarded-*`).
 * Web APIs only: runs in `proxy.ts`, `middleware.ts` and edge hosts. The JWKS is fetched and
 * cached per URL by `verifyAccessToken`. Stateless: a revoked session's token stays valid here
 * until it expires (≤ its lifetime).
 */
export function makeNextTokenDecoder(options: GuardOptions = {}) {
  const { issuer, jwksUrl, audience } = resolveGuardConfig(options);
  return async function decode(request: Request): Promise<TokenDecision> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const token = bearer ?? readCookie(request.headers.get('cookie'), ACCESS_COOKIE);
    if (!token) return { status: 'missing' };
    try {
      const claims = await verifyAccessToken(token, { jwks: jwksUrl, issuer, audience });
      return { status: 'valid', claims, token };
    } catch (error) {
      const unavailable = keysUnavailable(error);
      if (unavailable !== undefined) return { status: 'unavailable', reason: unavailable };
      return { status: 'invalid', reason: (error as Error).message };
    }
  };
}
