export interface GuardOptions {
  /** Where the auth routes are mounted (default `/api/auth`). */
  basePath?: string;
  /**
   * Origin the proxy uses to reach the auth routes for discovery and JWKS. Default: the request's
   * own origin. Set it when the public origin is not reachable from the server itself.
   */
  authOrigin?: string;
  /** Expected `aud` (default `catalyst`). */
  audience?: string;
}

export const DEFAULT_BASE_PATH = '/api/auth';
export const ACCESS_COOKIE = 'catalyst_access';
/** Request headers the guards set for the app; client-sent copies are always removed first. */
export const FORWARDED_HEADERS = [
  'x-catalyst-url',
  'x-catalyst-user-id',
  'x-catalyst-session-id',
] as const;
