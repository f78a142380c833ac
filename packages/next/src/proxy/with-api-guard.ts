import {
  checkRequirement,
  subjectFromClaims,
  type AccessTokenClaims,
  type DenyReason,
} from '@catalyst/authkit/edge';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { publicUrl, resolveGuardConfig } from './guard-config.js';
import { guardContext, type ProxyHandler } from './guard-context.js';
import {
  UNAVAILABLE_RETRY_AFTER,
  type GuardOptions,
  type RequirementOptions,
} from './guard-options.js';
import { matchesRoute, type RoutePattern } from './route-match.js';
import { makeRequirementCheck, summarize } from './route-requirements.js';
import { makeNextTokenDecoder } from './token-decoder.js';

export interface ApiGuardOptions extends GuardOptions, RequirementOptions {
  /**
   * Every one of these scopes must be in the token's own `scopes` claim, which a session token
   * leaves empty. (`require: { scopes }` instead only restricts key tokens; see docs/policy.md.)
   */
  scopes?: readonly string[];
  /** At least one of these roles must be in the token's `roles` (same as `require: { roles }`). */
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
  members: { reasons?: string[] } = {},
) {
  return NextResponse.json(
    {
      type: `urn:catalyst:problem:${code}`,
      title: TITLES[status],
      status,
      detail,
      code,
      ...members,
    },
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

/** The top-level `scopes`/`roles` options, with the meaning they always had. */
function legacyReasons(options: ApiGuardOptions, claims: AccessTokenClaims): DenyReason[] {
  if (!options.scopes?.length && !options.roles?.length) return [];
  const held: unknown = claims.scopes;
  const scopes = Array.isArray(held) ? held.filter((s): s is string => typeof s === 'string') : [];
  const subject = { ...subjectFromClaims(claims), scopes };
  return checkRequirement(subject, {
    scopes: [...(options.scopes ?? [])],
    roles: [...(options.roles ?? [])],
  }).reasons;
}

/**
 * A proxy guard for API routes: 401 JSON without a valid token, 403 JSON (`code: "forbidden"`,
 * the failing requirement kinds in `reasons`) when a requirement is not met, 503 JSON when the
 * signing keys cannot be fetched (the token can be neither accepted nor refused).
 */
export function withApiGuard(options: ApiGuardOptions = {}, handler?: ProxyHandler) {
  const { publicOrigin } = resolveGuardConfig(options);
  const decode = makeNextTokenDecoder(options);
  const requirements = makeRequirementCheck(options);
  return async function apiGuardProxy(
    request: NextRequest,
    event?: NextFetchEvent,
  ): Promise<Response> {
    const decision = await decode(request);
    const url = publicUrl(request, publicOrigin);
    const { claims, proceed } = guardContext(request, decision, url, handler, event);
    const path = request.nextUrl.pathname;
    const isPublic = matchesRoute(path, options.publicRoutes ?? []) && !requirements.covers(path);
    if (isPublic) return proceed();
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
    const reasons = [
      ...legacyReasons(options, claims),
      ...requirements.reasons(path, claims, { global: true }),
    ];
    if (reasons.length > 0) {
      const { codes, detail } = summarize(reasons);
      return problem(403, 'forbidden', detail, {}, { reasons: codes });
    }
    return proceed();
  };
}
