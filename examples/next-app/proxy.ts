import { withApiGuard, withAuthRoute } from '@catalyst/next/proxy';
import type { NextRequest } from 'next/server';

const pages = withAuthRoute({ publicRoutes: ['/', '/sign-up'] });
const api = withApiGuard();

export function proxy(request: NextRequest) {
  return request.nextUrl.pathname.startsWith('/api/') ? api(request) : pages(request);
}

export const config = {
  // Everything but the auth routes and static assets.
  matcher: ['/((?!api/auth|_next/static|_next/image|favicon.ico).*)'],
};
