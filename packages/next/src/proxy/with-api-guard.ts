import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { publicUrl, resolveGuardConfig } from './guard-config.js';
import { guardContext, type ProxyHandler } from './guard-context.js';
import { UNAVAILABLE_RETRY_AFTER, type GuardOptions } from './guard-options.js';
import { matchesRoute, type RoutePattern } from './route-match.js';
import { makeNextTokenDecoder } from './token-decoder.js';

export interface ApiGuardOptions extends GuardOptions {
  /** Every one of these scopes must be in the token's `scopes`. */
  scopes?: readonly string[];
  /** At least one of these roles must be in the token's `roles`. */
  roles?: readonly string[];
  /** API paths that need no token. */
  publicRoutes?: readonly RoutePattern[];
}

const TITLES = { 401: 'Not signed in', 403: 'Forbidden', 503: 'Authentication unavailable' };

function problem(
  status: 401 | 403 | 503,
  code: string,
  detail: string,
  extra: Record<string, string> = {},
) {
  return NextResponse.json(
    { type: `urn:catalyst:problem:${code}`, title: TITLES[status], status, detail, code },
    {
      status,
      headers: {
        'content-type': 'application/problem+json',
        'cache-control': 'no-store',
        ...extra,
      },
    },
  );
}

/**
 * A proxy guard for API routes: 401 JSON without a valid token, 403 JSON without the scopes/roles,
 * 503 JSON when the signing keys cannot be fetched (the token can be neither accepted nor refused).
 */
export function withApiGuard(options: ApiGuardOptions = {}, handler?: ProxyHandler) {
  const { publicOrigin } = resolveGuardConfig(options);
  const decode = makeNextTokenDecoder(options);
  return async function apiGuardProxy(
    request: NextRequest,
    event?: NextFetchEvent,
  ): Promise<Response> {
    const decision = await decode(request);
    const url = publicUrl(request, publicOrigin);
    const { claims, proceed } = guardContext(request, decision, url, handler, event);
    if (matchesRoute(request.nextUrl.pathname, options.publicRoutes ?? [])) return proceed();
    if (decision.status === 'unavailable') {
      return problem(503, 'auth_unavailable', 'the token cannot be verified right now; retry', {
        'retry-after': UNAVAILABLE_RETRY_AFTER,
      });
    }
    if (!claims) {
      return problem(
        401,
        'unauthenticated',
        decision.status === 'invalid' ? decision.reason : 'sign in or send a bearer token',
        {
          'www-authenticate': `Bearer error="${decision.status === 'invalid' ? 'invalid_token' : 'invalid_request'}"`,
        },
      );
    }
    const missing = (options.scopes ?? []).filter((s) => !claims.scopes.includes(s));
    if (missing.length > 0) return problem(403, 'forbidden', `missing scope: ${missing.join(' ')}`);
    if (options.roles?.length && !options.roles.some((r) => claims.roles.includes(r))) {
      return problem(403, 'forbidden', `requires one of the roles: ${options.roles.join(', ')}`);
    }
    return proceed();
  };
}
