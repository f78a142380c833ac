import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { parseRetryAfter } from '../../domain/webhooks.js';
import type { ProxyTrust } from '../../server/client-address.js';
import {
  nodeHostLookup,
  resolveWebhookTarget,
  type HostLookup,
} from '../../services/webhook-target.js';

/** What one HTTP attempt produced. `status` is null when no answer came (refused, timeout, …). */
export interface SendResult {
  status: number | null;
  durationMs: number;
  excerpt: string | null;
  retryAfterMs: number | null;
  error: string | null;
}

export type WebhookSender = (input: {
  url: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<SendResult>;

const EXCERPT_BYTES = 1024;
// Control characters (but tab/newline) are dropped so a stored excerpt renders safely.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * POSTs a signed delivery with Node's own HTTP client. The host is resolved and checked here,
 * and the socket is pinned to the checked address (the `lookup` hook), so DNS cannot answer
 * one address to the check and another to the connection. Redirects are not followed.
 */
export function createWebhookSender(options: {
  allowed: ProxyTrust;
  timeoutMs: number;
  lookup?: HostLookup;
  userAgent?: string;
}): WebhookSender {
  const lookupHost = options.lookup ?? nodeHostLookup;
  return async ({ url, headers, body }) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let target: URL;
    let addresses: string[];
    try {
      target = new URL(url);
      addresses = await resolveWebhookTarget(target, lookupHost, options.allowed);
    } catch (error) {
      return failed(elapsed(), (error as Error).message);
    }
    const pinned: LookupFunction = (_host, lookupOptions, callback) => {
      const address = addresses[0]!;
      const family = address.includes(':') ? 6 : 4;
      if ((lookupOptions as { all?: boolean }).all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = send(
        target,
        {
          method: 'POST',
          lookup: pinned,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': options.userAgent ?? 'Catalyst-Authkit-Webhooks/1',
            ...headers,
          },
        },
        (res) => readExcerpt(res).then((excerpt) => finish(answered(res, excerpt, elapsed()))),
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      req.on('error', (error) => finish(failed(elapsed(), error.message)));
      req.end(body);
    });
  };
}

function answered(res: IncomingMessage, excerpt: string, durationMs: number): SendResult {
  const header = res.headers['retry-after'];
  return {
    status: res.statusCode ?? null,
    durationMs,
    excerpt,
    retryAfterMs: parseRetryAfter(Array.isArray(header) ? header[0] : header, new Date()),
    error: null,
  };
}

function failed(durationMs: number, message: string): SendResult {
  return {
    status: null,
    durationMs,
    excerpt: null,
    retryAfterMs: null,
    error: message.slice(0, 300),
  };
}

/** The first KiB of the answer; the rest is discarded without being buffered. */
function readExcerpt(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      resolve(
        Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').replace(CONTROL, ''),
      );
    };
    res.on('data', (chunk: Buffer) => {
      if (size < EXCERPT_BYTES) chunks.push(chunk);
      size += chunk.length;
      if (size >= EXCERPT_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
}
