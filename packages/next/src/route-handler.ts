import type { Authkit, ConnectionInfo } from '@catalyst/authkit/server';
import { after } from 'next/server';
import { getAuthkit, setAuthkit } from './authkit-instance.js';
import { isRecordingSocketAddress, PEER_HEADER } from './socket-address.js';

type RouteHandler = (request: Request) => Promise<Response>;

export interface RouteHandlers {
  GET: RouteHandler;
  POST: RouteHandler;
  PUT: RouteHandler;
  PATCH: RouteHandler;
  DELETE: RouteHandler;
  OPTIONS: RouteHandler;
}

let warned = false;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function reportDeliveryFailure(error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  console.error(
    JSON.stringify({ level: 'error', msg: 'webhook delivery after response failed', error: name }),
  );
}

/**
 * The peer that connected to Next. With `recordSocketAddress()` installed it is the socket address.
 * Without it the best guess is the right-most `X-Forwarded-For` entry, which Next fills from the
 * socket only when the client sent none, so a client can spoof it: we warn once.
 */
export function connectionInfo(request: Request): ConnectionInfo {
  if (isRecordingSocketAddress()) return { ip: request.headers.get(PEER_HEADER) || null };
  if (!warned) {
    warned = true;
    console.warn(
      JSON.stringify({
        level: 'warn',
        msg: 'client addresses come from X-Forwarded-For, which clients can forge: add `export { register } from "@catalyst/next/instrumentation"` to instrumentation.ts',
      }),
    );
  }
  const hops = request.headers.get('x-forwarded-for')?.split(',') ?? [];
  const peer = hops.pop()?.trim();
  return { ip: peer || null, forwardedFor: hops.length > 0 ? hops.join(',') : null };
}

/**
 * Handlers for `app/api/auth/[...catalyst]/route.ts`. Without an argument the instance is built
 * from the environment (DESIGN §7); pass your own to configure it in code.
 */
export function createRouteHandler(authkit?: Authkit): RouteHandlers {
  if (authkit) setAuthkit(authkit);
  const handle: RouteHandler = async (request) => {
    const instance = authkit ?? getAuthkit();
    const response = await instance.handler(request, connectionInfo(request));
    // A successful write may have queued webhook deliveries (the outbox): deliver them after the
    // response is sent, so small deployments need no separate worker (DESIGN §3).
    if (WRITES.has(request.method) && response.status < 400 && instance.settings.webhookWorker) {
      const deliver = () =>
        instance.api.webhooks.deliverDue().then(undefined, reportDeliveryFailure);
      try {
        after(deliver);
      } catch {
        void deliver(); // called outside a Next request scope (tests, custom servers)
      }
    }
    return response;
  };
  return { GET: handle, POST: handle, PUT: handle, PATCH: handle, DELETE: handle, OPTIONS: handle };
}
