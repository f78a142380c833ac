import type { AccessTokenClaims } from '@catalyst/authkit/edge';
import { FORWARDED_HEADERS } from './guard-options.js';

/** Request headers for the app: ours set from verified claims, any client-sent copies removed. */
export function forwardHeaders(
  request: Request,
  claims: AccessTokenClaims | null,
  url: string,
): Headers {
  const headers = new Headers(request.headers);
  for (const name of FORWARDED_HEADERS) headers.delete(name);
  headers.set('x-catalyst-url', url);
  if (claims) {
    headers.set('x-catalyst-user-id', claims.sub);
    headers.set('x-catalyst-session-id', claims.sid);
  }
  return headers;
}
