import {
  createForwardAuth,
  deriveDecisionKey,
  type ForwardAuth,
  type ForwardAuthOptions,
} from '@catalyst/authkit/edge';
import { resolveGuardConfig } from './proxy/guard-config.js';
import type { GuardOptions } from './proxy/guard-options.js';
import { connectionInfo } from './route-handler.js';

type RouteHandler = (request: Request) => Promise<Response>;

export interface ForwardAuthRouteHandlers {
  GET: RouteHandler;
  POST: RouteHandler;
  PUT: RouteHandler;
  PATCH: RouteHandler;
  DELETE: RouteHandler;
  HEAD: RouteHandler;
  OPTIONS: RouteHandler;
}

export interface ForwardAuthRouteOptions
  extends
    GuardOptions,
    Omit<
      Partial<ForwardAuthOptions>,
      'issuer' | 'audience' | 'signInUrl' | 'refreshUrl' | 'trustedProxies' | 'revocations'
    > {
  /** The sign-in page on the public base URL (default `/sign-in`). */
  signInPath?: string;
  /** Absolute sign-in URL; overrides `signInPath`. */
  signInUrl?: string;
  /** Where an expired session cookie is refreshed (default `<baseUrl><basePath>/refresh`); null: never. */
  refreshUrl?: string | null;
  /**
   * The revocation list (default: polled from `<authOrigin ?? baseUrl><basePath>/revocations`, as
   * `catalyst forward-auth` does); null: none.
   */
  revocations?: ForwardAuthOptions['revocations'] | null;
  /** Proxies whose forwarded headers are believed (default `CATALYST_TRUSTED_PROXIES`, else `loopback`). */
  trustedProxies?: readonly string[];
}

function envTrustedProxies(): string[] | undefined {
  const value = typeof process === 'undefined' ? undefined : process.env.CATALYST_TRUSTED_PROXIES;
  if (!value) return undefined;
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Handlers for `app/api/auth/forward/route.ts`: Catalyst forward-auth (DESIGN §5) for Traefik,
 * Caddy and nginx in front of other services. Issuer, audience and the JWKS URL default from the
 * public base URL (`CATALYST_BASE_URL`) exactly as the proxy guards do, never from the request.
 * The peer address comes from `connectionInfo` (install `@catalyst/next/instrumentation` so it is
 * the socket address, not a header a client could set).
 *
 * ```ts
 * // app/api/auth/forward/route.ts
 * export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = createForwardAuthRoute({
 *   routes: [{ host: 'grafana.example.com', require: { roles: ['admin'] } }],
 * });
 * ```
 */
export function createForwardAuthRoute(
  options: ForwardAuthRouteOptions = {},
): ForwardAuthRouteHandlers {
  const config = resolveGuardConfig(options);
  const {
    baseUrl: _baseUrl,
    basePath: _basePath,
    authOrigin: _authOrigin,
    jwksUrl: _jwksUrl,
    issuer: _issuer,
    audience: _audience,
    signInPath,
    signInUrl,
    refreshUrl,
    trustedProxies,
    revocations,
    ...rest
  } = options;
  const authOrigin = options.authOrigin ? new URL(options.authOrigin).origin : config.publicOrigin;
  const usesOwnKeys = options.jwks !== undefined || options.keys !== undefined;
  const secret = typeof process === 'undefined' ? undefined : process.env.CATALYST_SECRET;
  const build = (decisionSecret: ForwardAuthOptions['decisionSecret']) =>
    createForwardAuth({
      ...rest,
      ...(decisionSecret ? { decisionSecret } : {}),
      issuer: config.issuer,
      audience: config.audience,
      ...(usesOwnKeys ? {} : { jwks: config.jwksUrl }),
      signInUrl: signInUrl ?? new URL(signInPath ?? '/sign-in', config.publicOrigin).toString(),
      ...(refreshUrl === null
        ? {}
        : { refreshUrl: refreshUrl ?? `${config.publicOrigin}${config.basePath}/refresh` }),
      trustedProxies: trustedProxies ?? envTrustedProxies() ?? ['loopback'],
      ...(revocations === null
        ? {}
        : { revocations: revocations ?? { url: `${authOrigin}${config.basePath}/revocations` } }),
    });
  // Decision cookies under the key the auth server derives from the same CATALYST_SECRET, so a
  // cookie either one issued is accepted by the other.
  let forwardAuth: Promise<ForwardAuth> | undefined;
  const instance = () =>
    (forwardAuth ??=
      rest.decisionSecret || !secret
        ? Promise.resolve(build(rest.decisionSecret))
        : deriveDecisionKey(secret).then(build));
  const handle: RouteHandler = async (request) =>
    (await instance()).handle(request, { ip: connectionInfo(request).ip ?? null });
  return {
    GET: handle,
    POST: handle,
    PUT: handle,
    PATCH: handle,
    DELETE: handle,
    HEAD: handle,
    OPTIONS: handle,
  };
}
