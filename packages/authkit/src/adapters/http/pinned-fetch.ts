import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { guardOutboundUrl, type OutboundUrlPolicy } from '../../services/outbound-url-guard.js';

/** Statuses whose answer has no body (`new Response` refuses one). */
const NULL_BODY = new Set([204, 205, 304]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** Why the pinned fetch refused a URL: its host resolves where the policy does not allow. */
export class OutboundUrlRefused extends Error {
  override name = 'OutboundUrlRefused';
}

/**
 * A `fetch` for URLs someone other than the operator chose (an org's issuer, its directory):
 * each request resolves the host, checks every address against the policy, and connects to the
 * checked address (a pinned `lookup`), so DNS cannot answer one address to the check and another
 * to the connection (rebinding). Redirects are never followed. Hand-written over `node:http`
 * like the webhook sender: the global `fetch` takes no lookup hook without the undici package.
 */
export function createPinnedFetch(
  policy: OutboundUrlPolicy,
  options: { maxBytes?: number } = {},
): typeof fetch {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    let addresses: string[];
    try {
      addresses = await guardOutboundUrl(url, policy);
    } catch (error) {
      throw new OutboundUrlRefused((error as Error).message);
    }
    const pinned: LookupFunction = (_host, lookupOptions, callback) => {
      const address = addresses[0]!;
      const family = address.includes(':') ? 6 : 4;
      if ((lookupOptions as { all?: boolean }).all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    // Answers come back as sent; the few encodings a server may still use are undone below.
    headers['accept-encoding'] = 'gzip, deflate, br';
    if (body) headers['content-length'] = String(body.length);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, {
        method: request.method,
        headers,
        lookup: pinned,
        signal: request.signal,
      });
      req.on('response', resolve);
      // As the global fetch does: a network failure is a TypeError with the cause attached.
      req.on('error', (error) =>
        reject(
          request.signal.aborted
            ? request.signal.reason
            : new TypeError('fetch failed', { cause: error }),
        ),
      );
      req.end(body);
    });
    const status = res.statusCode ?? 502;
    if (REDIRECT.has(status) && request.redirect !== 'manual') {
      res.destroy();
      throw new TypeError(`${url.host} answered a redirect (${status}), which is not followed`);
    }
    const answer = await readBody(decoded(res), maxBytes, request.signal).catch((error) => {
      throw request.signal.aborted
        ? request.signal.reason
        : new TypeError('fetch failed', { cause: error });
    });
    const out = new Headers();
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
      const name = res.rawHeaders[i]!.toLowerCase();
      // The body is handed over decoded and whole: its transfer headers no longer describe it.
      if (name === 'content-encoding' || name === 'content-length' || name === 'transfer-encoding')
        continue;
      out.append(name, res.rawHeaders[i + 1]!);
    }
    return new Response(NULL_BODY.has(status) ? null : new Uint8Array(answer), {
      status,
      statusText: res.statusMessage ?? '',
      headers: out,
    });
  };
}

/** The answer's body stream with its `content-encoding` undone. */
function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  // pipeline: an error on either side ends the other (a bare pipe would leave the reader waiting).
  return decoder ? pipeline(res, decoder, () => {}) : res;
}

/** The whole body, refused past `maxBytes` (a hostile server could otherwise fill memory). */
async function readBody(stream: Readable, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      signal.throwIfAborted();
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new RangeError(`the answer is larger than ${maxBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}
