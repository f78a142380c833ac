#!/usr/bin/env node
/**
 * A sample upstream for the forward-auth examples: answers every request with JSON describing
 * it, including the identity headers the proxy added after asking Catalyst. In production this
 * is your app; it trusts these headers only because the proxy in front of it is the sole way in.
 *
 *   node upstream.mjs [--port 8080] [--host 127.0.0.1]
 */
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** The headers Catalyst forward-auth answers with (lower-case, as Node reports them). */
export const IDENTITY_HEADERS = [
  'x-user-sub',
  'x-org-id',
  'x-labels',
  'x-scopes',
  'x-roles',
  'remote-user',
  'remote-groups',
];

/**
 * Starts the upstream on `host:port` (port 0: any free one).
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export function startUpstream({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    const identity = {};
    for (const name of IDENTITY_HEADERS) {
      if (req.headers[name] !== undefined) identity[name] = req.headers[name];
    }
    // Credentials are the caller's own, but an echo has no reason to repeat them.
    const headers = { ...req.headers };
    for (const secret of ['cookie', 'authorization'])
      if (headers[secret] !== undefined) headers[secret] = '[redacted]';
    const body = JSON.stringify({
      method: req.method,
      url: req.url,
      host: req.headers.host ?? null,
      identity,
      headers,
    });
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' } },
  });
  const running = await startUpstream({
    port: Number(values.port ?? process.env.PORT ?? 8080),
    host: values.host ?? '127.0.0.1',
  });
  console.log(`upstream listening on ${running.url}`);
}
