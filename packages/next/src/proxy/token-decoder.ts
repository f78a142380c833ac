import { isAuthkitError, verifyAccessToken, type AccessTokenClaims } from '@catalyst/authkit/edge';
import { discover } from './discovery.js';
import { ACCESS_COOKIE, DEFAULT_BASE_PATH, type GuardOptions } from './guard-options.js';

export type TokenDecision =
  | { status: 'valid'; claims: AccessTokenClaims; token: string }
  | { status: 'invalid'; reason: string }
  | { status: 'missing' };

// Takes a plain Request (not only NextRequest), so it parses the one cookie it needs itself.
function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Reads the access token (Authorization: Bearer, else the access cookie) and verifies it against
 * the auth server's JWKS. Web APIs only: runs in `proxy.ts`, `middleware.ts` and edge hosts.
 * Stateless: a revoked session's token stays valid here until it expires (≤ its lifetime).
 */
export function makeNextTokenDecoder(options: GuardOptions = {}) {
  const basePath = options.basePath ?? DEFAULT_BASE_PATH;
  return async function decode(request: Request): Promise<TokenDecision> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const token = bearer ?? readCookie(request.headers.get('cookie'), ACCESS_COOKIE);
    if (!token) return { status: 'missing' };
    const origin = options.authOrigin ?? new URL(request.url).origin;
    try {
      const { issuer, jwks_uri } = await discover(
        `${origin}${basePath}/.well-known/openid-configuration`,
      );
      // JWKS is fetched from the configured origin, whatever host the document advertises.
      const jwks = new URL(new URL(jwks_uri).pathname, origin).toString();
      const claims = await verifyAccessToken(token, {
        jwks,
        issuer,
        audience: options.audience ?? 'catalyst',
      });
      return { status: 'valid', claims, token };
    } catch (error) {
      if (isAuthkitError(error)) return { status: 'invalid', reason: error.message };
      throw error;
    }
  };
}
