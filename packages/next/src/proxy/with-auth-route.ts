import type { DenyReason } from '@catalyst/authkit/edge';
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

export interface AuthRouteOptions extends GuardOptions, RequirementOptions {
  /** Paths anyone may see. The auth routes themselves are always public. */
  publicRoutes?: readonly RoutePattern[];
  /** The sign-in page (default `/sign-in`); it is always public. */
  signInPath?: string;
  /**
   * Where a signed-in user who fails a requirement is sent (303, with `redirect_url` and the
   * comma-separated `reasons` codes). Exempt from the requirements, so it cannot loop. Default: a
   * plain-text 403 answer.
   */
  forbiddenUrl?: string;
}

const BOUNCE_COOKIE = 'catalyst_refresh_attempt';

function forbiddenPage(details: string[]): Response {
  const lines = details.map((detail) => `- ${detail}`).join('\n');
  return new NextResponse(`Forbidden: you do not have access to this page.\n${lines}\n`, {
    status: 403,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * A `proxy.ts` (or legacy `middleware.ts`) guard for pages. Signed-out page requests go to the
 * sign-in page with an absolute return URL on the public base URL. An expired access token is
 * refreshed without the user noticing: the browser makes one hop through `<basePath>/refresh`,
 * which holds the refresh cookie. When the signing keys cannot be fetched, protected pages answer
 * 503: redirecting would loop, since no token could verify.
 */
export function withAuthRoute(options: AuthRouteOptions = {}, handler?: ProxyHandler) {
  const { basePath, publicOrigin } = resolveGuardConfig(options);
  const signInPath = options.signInPath ?? '/sign-in';
  const alwaysPublic = [signInPath, `${basePath}/*`];
  const forbiddenUrl = options.forbiddenUrl ? new URL(options.forbiddenUrl, publicOrigin) : null;
  // The sign-in page, the auth routes and the forbidden page are never held to requirements.
  const exempt = forbiddenUrl ? [...alwaysPublic, forbiddenUrl.pathname] : alwaysPublic;
  const requirements = makeRequirementCheck(options);
  const decode = makeNextTokenDecoder(options);
  // 303, not 307: a refused POST must not be replayed against the forbidden page.
  const forbidden = (reasons: DenyReason[], returnTo: string): Response => {
    if (!forbiddenUrl) return forbiddenPage(summarize(reasons).details);
    const target = new URL(forbiddenUrl);
    target.searchParams.set('redirect_url', returnTo);
    target.searchParams.set('reasons', summarize(reasons).codes.join(','));
    return NextResponse.redirect(target, 303);
  };

  return async function authRouteProxy(
    request: NextRequest,
    event?: NextFetchEvent,
  ): Promise<Response> {
    const decision = await decode(request);
    const returnTo = publicUrl(request, publicOrigin);
    const { claims, proceed } = guardContext(request, decision, returnTo, handler, event);
    const path = request.nextUrl.pathname;
    const isExempt = matchesRoute(path, exempt);
    const isPublic =
      matchesRoute(path, alwaysPublic) ||
      (matchesRoute(path, options.publicRoutes ?? []) && !requirements.covers(path));

    if (claims || isPublic) {
      const reasons =
        claims && !isExempt ? requirements.reasons(path, claims, { global: !isPublic }) : [];
      const response = reasons.length === 0 ? await proceed() : forbidden(reasons, returnTo);
      if (claims && request.cookies.has(BOUNCE_COOKIE))
        response.headers.append('set-cookie', `${BOUNCE_COOKIE}=; Path=/; Max-Age=0`);
      return response;
    }
    if (decision.status === 'unavailable') {
      return new NextResponse('Sign-in is temporarily unavailable. Please retry shortly.\n', {
        status: 503,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'retry-after': UNAVAILABLE_RETRY_AFTER,
        },
      });
    }
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    // A token that was there but no longer verifies (usually: expired) → try one refresh hop.
    // The attempt cookie stops a loop if the refreshed token still does not verify here.
    if (decision.status === 'invalid' && isRead && !request.cookies.has(BOUNCE_COOKIE)) {
      const refresh = new URL(`${basePath}/refresh`, publicOrigin);
      refresh.searchParams.set('redirect_url', returnTo);
      const response = NextResponse.redirect(refresh, 307);
      response.cookies.set(BOUNCE_COOKIE, '1', {
        path: '/',
        maxAge: 10,
        httpOnly: true,
        sameSite: 'lax',
      });
      return response;
    }
    const signIn = new URL(signInPath, publicOrigin);
    signIn.searchParams.set('redirect_url', returnTo);
    const response = NextResponse.redirect(signIn, 307);
    response.cookies.delete(BOUNCE_COOKIE);
    return response;
  };
}
