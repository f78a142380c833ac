import { withApiGuard, withAuthRoute } from '@catalyst/next/proxy';
import type { NextRequest } from 'next/server';

// Issuer, JWKS and redirect origin come from CATALYST_BASE_URL, never from the request's Host.
const pages = withAuthRoute({
  // The invitation page previews an invitation to visitors who are not signed in yet; the pages
  // emailed links open (the server's resetPasswordPath, verifyEmailPath, magicLinkPath) and the
  // forgot-password form work signed out. Only `/sign-in` itself is public by default.
  publicRoutes: [
    '/',
    '/sign-up',
    '/invitations/accept',
    '/forgot-password',
    '/reset-password',
    '/verify-email',
    '/sign-in/magic-link',
  ],
  // Checked on the access token's claims: the plan claim is re-minted when the plan changes.
  protectedRoutes: [{ matcher: '/dashboard/reports', require: { plan: ['pro'] } }],
  // A signed-in user who fails a requirement lands here with `reasons` and `redirect_url`.
  forbiddenUrl: '/upgrade',
});
const api = withApiGuard();

export function proxy(request: NextRequest) {
  return request.nextUrl.pathname.startsWith('/api/') ? api(request) : pages(request);
}

export const config = {
  // Everything but the auth routes and static assets. `api/auth/` is anchored by its slash so
  // `/api/authors` or `/api/auth-admin` are still guarded.
  matcher: ['/((?!api/auth/|_next/static|_next/image|favicon.ico).*)'],
};
