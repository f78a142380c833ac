import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { markRecordingSocketAddress, PEER_HEADER } from './socket-address.js';

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Next gives route handlers no socket, and its server fills `X-Forwarded-For` only when the client
 * sent none, so a client could pick its own address. This stamps every request with the real peer
 * (overwriting any client-sent copy) before Next reads it. Node runtime only; call it from
 * `register()` in `instrumentation.ts`. Idempotent.
 */
export function recordSocketAddress(): void {
  if (!markRecordingSocketAddress()) return;
  for (const proto of [http.Server.prototype, https.Server.prototype] as Array<{ emit: Emit }>) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event, ...args) {
      if (event === 'request') {
        const request = args[0] as IncomingMessage;
        request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? '';
      }
      return emit.call(this, event, ...args);
    };
  }
}

/** Ready-made `register` for `instrumentation.ts`: `export { register } from '@catalyst/next/instrumentation'`. */
export function register(): void {
  if (process.env.NEXT_RUNTIME === 'nodejs' || process.env.NEXT_RUNTIME === undefined) {
    recordSocketAddress();
  }
}
