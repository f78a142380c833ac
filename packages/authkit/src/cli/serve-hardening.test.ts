import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../test/instances.js';
import type { CliIo } from './io.js';
import { serve, type RunningServer } from './serve.js';

// Attacks on the standalone server over real sockets (DESIGN §3: client address, body limit,
// Secure cookies). Each server runs on its own in-memory database with production argon2.
const SECRET = 'serve-hardening-secret-0123456789abcdef';

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  const io: CliIo = {
    out: () => undefined,
    err: () => undefined,
    env: { CATALYST_SECRET: SECRET, CATALYST_DATA_DIR: 'memory://', ...env },
  };
  return serve(io, 0);
}

function post(
  server: RunningServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const origin = new URL(server.url).origin;
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: JSON.stringify(body),
  });
}

// Three servers, started together: default (socket address only), behind trusted proxies, and
// with an https public base URL. Starting one costs seconds on a busy machine.
let plain: RunningServer;
let proxied: RunningServer;
let https: RunningServer;
beforeAll(async () => {
  [plain, proxied, https] = await Promise.all([
    start(),
    start({ CATALYST_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8' }),
    start({ CATALYST_BASE_URL: 'https://auth.example.test' }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.allSettled([plain, proxied, https].map((s) => s?.close()));
});

describe('client address (standalone server)', () => {
  it('ignores a client-sent X-Forwarded-For: rotating it does not buy fresh sign-in attempts', async () => {
    const server = plain;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const forged = i % 2 === 0 ? `198.51.100.${i}` : ',';
      const res = await post(
        server,
        '/sign-in',
        { email: uniqueEmail('spoof'), password: 'not the password 1' },
        { 'x-forwarded-for': forged },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('stores the socket address, not a forged one, on the session and the audit event', async () => {
    const server = plain;
    const res = await post(
      server,
      '/sign-up',
      { email: uniqueEmail('ip'), password: PASSWORD },
      { 'x-forwarded-for': '6.6.6.6' },
    );
    expect(res.status).toBe(201);
    const { session } = (await res.json()) as { session: { ip: string } };
    expect(session.ip).toBe('127.0.0.1');
    const events = await (await server.authkit.api.store()).audit.list({ limit: 1 });
    expect(events[0]?.ip).toBe('127.0.0.1');
  });

  it('behind trusted proxies, takes the right-most untrusted hop, never the forged left end', async () => {
    const res = await post(
      proxied,
      '/sign-up',
      { email: uniqueEmail('proxied'), password: PASSWORD },
      { 'x-forwarded-for': '6.6.6.6, 203.0.113.50, 10.1.1.1' },
    );
    expect(((await res.json()) as { session: { ip: string } }).session.ip).toBe('203.0.113.50');
  });

  it('puts a request whose address cannot be known in one shared bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const res = await post(
        proxied,
        '/sign-in',
        { email: uniqueEmail('garbage'), password: 'not the password 1' },
        { 'x-forwarded-for': i % 2 ? ',' : 'garbage' },
      );
      statuses.push(res.status);
    }
    expect(statuses[10]).toBe(429);
  });

  it('refuses a malformed CATALYST_TRUSTED_PROXIES at start, naming the key', async () => {
    await expect(start({ CATALYST_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' })).rejects.toThrow(
      /trustedProxies \(CATALYST_TRUSTED_PROXIES\).*proxy\.internal/,
    );
  });
});

describe('request body limit', () => {
  const server = () => plain;

  it('answers 413 problem+json for a declared large body without reading it', async () => {
    const before = process.memoryUsage().rss;
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server().url}/sign-in`);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(200 * 1024 * 1024),
            origin: url.origin,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (error) => (error.message.includes('socket') ? undefined : reject(error)));
      // A first megabyte only: the server must answer without waiting for the rest.
      req.write(Buffer.alloc(1024 * 1024, 0x20));
    });
    expect(status).toBe(413);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('answers 413 for a streamed (chunked) body past the limit, and 400-range below it', async () => {
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i += 1) controller.enqueue(new Uint8Array(1024).fill(0x20));
        controller.close();
      },
    });
    const res = await fetch(`${server().url}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(server().url).origin },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'payload_too_large', field: '(body)' });
    // The unread rest of the body makes the socket unusable: the client is told not to reuse it,
    // so the next request (after the server's drain timeout) gets a fresh one.
    expect(res.headers.get('connection')).toBe('close');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const next = await post(server(), '/sign-up', { email: 'not an address' });
    expect(next.status).toBe(400);
  });
});

describe('Secure cookies behind TLS-terminating proxies', () => {
  const signUp = async (server: RunningServer, headers: Record<string, string> = {}) => {
    const res = await post(
      server,
      '/sign-up',
      { email: uniqueEmail('tls'), password: PASSWORD },
      headers,
    );
    expect(res.status).toBe(201);
    return res.headers.getSetCookie();
  };

  it('marks cookies Secure when the public base URL is https', async () => {
    const cookies = await signUp(https, { origin: 'https://auth.example.test' });
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
  });

  it('believes X-Forwarded-Proto: https from a trusted proxy only', async () => {
    for (const cookie of await signUp(proxied, { 'x-forwarded-proto': 'https' }))
      expect(cookie).toMatch(/;\s*Secure/i);
    for (const cookie of await signUp(plain, { 'x-forwarded-proto': 'https' }))
      expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe('logs', () => {
  const logged: string[] = [];
  afterEach(() => vi.restoreAllMocks());

  it('rejects control characters with a 400 naming the field, and logs no secrets on failures', async () => {
    for (const method of ['error', 'warn', 'log', 'info'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
    // Last: it breaks this server's database on purpose.
    const server = plain;
    const email = uniqueEmail('nul');
    const res = await post(server, '/sign-up', { email, password: PASSWORD, name: 'Ada\u0000' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', field: 'name' });

    // A failing database: the driver's message carries the query parameters; the log must not.
    expect(
      (await post(server, '/sign-up', { email: uniqueEmail('ok'), password: PASSWORD })).status,
    ).toBe(201);
    await (await server.authkit.api.store()).close();
    const failed = await post(server, '/sign-up', { email, password: PASSWORD });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(logged.some((line) => line.includes('unhandled error'))).toBe(true);
    const text = logged.join('\n');
    expect(text).not.toContain(email);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/\$argon2id\$/);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  });
});
