import type { Authkit } from '@catalyst/authkit/server';
import { getAuthkit, setAuthkit } from './authkit-instance.js';

type RouteHandler = (request: Request) => Promise<Response>;

export interface RouteHandlers {
  GET: RouteHandler;
  POST: RouteHandler;
  PUT: RouteHandler;
  PATCH: RouteHandler;
  DELETE: RouteHandler;
  OPTIONS: RouteHandler;
}

/** The peer that connected to Next: the right-most X-Forwarded-For entry, which Next appends itself. */
function peerAddress(request: Request): string | null {
  const chain = request.headers.get('x-forwarded-for');
  const last = chain?.split(',').pop()?.trim();
  return last ? last : null;
}

/**
 * Handlers for `app/api/auth/[...catalyst]/route.ts`. Without an argument the instance is built
 * from the environment (DESIGN §7); pass your own to configure it in code.
 */
export function createRouteHandler(authkit?: Authkit): RouteHandlers {
  if (authkit) setAuthkit(authkit);
  const handle: RouteHandler = (request) =>
    (authkit ?? getAuthkit()).handler(request, { ip: peerAddress(request) });
  return { GET: handle, POST: handle, PUT: handle, PATCH: handle, DELETE: handle, OPTIONS: handle };
}
