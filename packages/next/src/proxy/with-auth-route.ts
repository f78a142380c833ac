import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { publicUrl, resolveGuardConfig } from './guard-config.js';
import { guardContext, type ProxyHandler } from './guard-context.js';
import { UNAVAILABLE_RETRY_AFTER, type GuardOptions } from './guard-options.js';
import { matchesRoute, type RoutePattern } from './route-match.js';
import { makeNextTokenDecoder } from './token-decoder.js';

export interface AuthRouteOptions extends GuardOptions {
  /** Paths anyone may see. The auth routes themselves are always public. */
  publicRoutes?: readonly RoutePattern[];
  /** The sign-in page (default `/sign-in`); it is always public. */
  signInPath?: string;
}

const BOUNCE_COOKIE = 'catalyst_refresh_attempt';

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
  const publicRoutes = [...(options.publicRoutes ?? []), signInPath, `${basePath}/*`];
  const decode = makeNextTokenDecoder(options);

  return async function authRouteProxy(
    request: NextRequest,
    event?: NextFetchEvent,
  ): Promise<Response> {
    const decision = await decode(request);
    const returnTo = publicUrl(request, publicOrigin);
    const { claims, proceed } = guardContext(request, decision, returnTo, handler, event);

    if (claims || matchesRoute(request.nextUrl.pathname, publicRoutes)) {
      const response = await proceed();
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
