import type { Requirement } from '@catalyst/authkit/edge';
import type { RoutePattern } from './route-match.js';

export interface GuardOptions {
  /** Where the auth routes are mounted (default `/api/auth`). */
  basePath?: string;
  /**
   * The app's public base URL (default `CATALYST_BASE_URL`, else `http://localhost:3000`, like the
   * server's own issuer). Issuer, return URLs and redirects are built from it, never from the request.
   */
  baseUrl?: string;
  /** Expected `iss` (default `new URL(basePath, baseUrl)`, the server's default issuer). */
  issuer?: string;
  /**
   * Where the signing keys are fetched
   * (default `<authOrigin ?? baseUrl's origin><basePath>/.well-known/jwks.json`).
   */
  jwksUrl?: string;
  /**
   * Origin the proxy uses to reach the auth routes for the JWKS, when the public origin is not
   * reachable from the server itself (e.g. `http://127.0.0.1:3000` behind a TLS proxy).
   */
  authOrigin?: string;
  /** Expected `aud` (default `catalyst`). */
  audience?: string;
}

/** A requirement for some paths: `{ matcher: '/billing/:path*', require: { plan: ['pro'] } }`. */
export interface ProtectedRoute {
  /**
   * `publicRoutes` patterns (`/billing`, `/billing/*`, a RegExp) or Next's parameter form
   * (`/billing/:path*`, `/orgs/:id/settings`). Checked when the guard is created, so a pattern that
   * could never match throws instead of silently leaving the route open.
   */
  matcher: RoutePattern | readonly RoutePattern[];
  require: Requirement;
}

/** What a signed-in caller must hold (`checkRequirement` from `@catalyst/authkit`). */
export interface RequirementOptions {
  /** Applies to every request the guard protects (not to public routes). */
  require?: Requirement;
  /**
   * Per-path requirements, each checked on its own (any-of lists are never merged across entries).
   * A path one of them matches is protected even if `publicRoutes` lists it.
   */
  protectedRoutes?: readonly ProtectedRoute[];
}

export const DEFAULT_BASE_PATH = '/api/auth';
export const ACCESS_COOKIE = 'catalyst_access';
/** Request headers the guards set for the app; client-sent copies are always removed first. */
export const FORWARDED_HEADERS = [
  'x-catalyst-url',
  'x-catalyst-user-id',
  'x-catalyst-session-id',
] as const;
/** `Retry-After` (seconds) when the signing keys cannot be fetched and a token cannot be judged. */
export const UNAVAILABLE_RETRY_AFTER = '5';
