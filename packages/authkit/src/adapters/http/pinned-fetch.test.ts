import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProxyTrust } from '../../server/client-address.js';
import { createPinnedFetch, OutboundUrlRefused } from './pinned-fetch.js';

// A real server on 127.0.0.1; the name the fetch is given (`*.invalid`) resolves nowhere in real
// DNS, so a request that arrives proves the connection used the address the check approved.
let port: number;
const seen: Array<{ method: string; url: string; host: string; body: string; type: string }> = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok');
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      host: req.headers.host ?? '',
      body: Buffer.concat(chunks).toString(),
      type: req.headers['content-type'] ?? '',
    });
    answer(req, res);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const lookups: string[] = [];
function pinnedTo(addresses: string[], allowed = ['127.0.0.1/32'], maxBytes?: number) {
  return createPinnedFetch(
    {
      allowed: compileProxyTrust(allowed),
      lookup: async (host) => {
        lookups.push(host);
        return addresses;
      },
      setting: 'CATALYST_SSO_ALLOWED_NETWORKS',
    },
    maxBytes ? { maxBytes } : {},
  );
}

describe('createPinnedFetch', () => {
  it('connects to the address the check approved, whatever the name resolves to elsewhere', async () => {
    answer = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-answer', 'yes');
      res.end('{"issuer":"x"}');
    };
    lookups.length = 0;
    const before = seen.length;
    const res = await pinnedTo(['127.0.0.1'])(
      `http://idp.rebind.invalid:${port}/.well-known/x?y=1`,
    );
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-answer')).toBe('yes');
    expect(await res.json()).toEqual({ issuer: 'x' });
    expect(seen.slice(before)).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/.well-known/x?y=1',
        host: `idp.rebind.invalid:${port}`,
      }),
    ]);
    // One resolution per request: the check's; the connection did not look the name up again.
    expect(lookups).toEqual(['idp.rebind.invalid']);
  });

  it('refuses a name that resolves inside, before connecting', async () => {
    const before = seen.length;
    const internal = pinnedTo(['10.1.2.3']);
    await expect(internal(`http://idp.rebind.invalid:${port}/`)).rejects.toBeInstanceOf(
      OutboundUrlRefused,
    );
    // A name answering a public and a private address is refused as a whole.
    const mixed = pinnedTo(['93.184.215.14', '127.0.0.1'], []);
    await expect(mixed(`https://idp.rebind.invalid:${port}/`)).rejects.toThrow(/loopback/);
    // A public address over plain http is refused too.
    const plain = pinnedTo(['93.184.215.14'], []);
    await expect(plain(`http://idp.rebind.invalid:${port}/`)).rejects.toThrow(/https/);
    expect(seen.length).toBe(before);
  });

  it('sends the method, headers and body it was given (a token request)', async () => {
    answer = (_req, res) => res.end('{}');
    const before = seen.length;
    const res = await pinnedTo(['127.0.0.1'])(`http://idp.rebind.invalid:${port}/token`, {
      method: 'POST',
      headers: { authorization: 'Basic abc' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c' }),
    });
    expect(res.status).toBe(200);
    expect(seen[before]).toMatchObject({
      method: 'POST',
      body: 'grant_type=authorization_code&code=c',
      type: 'application/x-www-form-urlencoded;charset=UTF-8',
    });
  });

  it('hands over a compressed answer decoded, and a 204 without a body', async () => {
    answer = (_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync('{"ok":true}'));
    };
    const fetch = pinnedTo(['127.0.0.1']);
    const res = await fetch(`http://idp.rebind.invalid:${port}/`);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ ok: true });
    answer = (_req, res) => res.writeHead(204).end();
    const empty = await fetch(`http://idp.rebind.invalid:${port}/`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('never follows a redirect: an error, or the 3xx itself when asked for manual', async () => {
    answer = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    const fetch = pinnedTo(['127.0.0.1']);
    const before = seen.length;
    await expect(fetch(`http://idp.rebind.invalid:${port}/`)).rejects.toThrow(/redirect/);
    const manual = await fetch(`http://idp.rebind.invalid:${port}/`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('http://169.254.169.254/');
    expect(seen.length).toBe(before + 2);
  });

  it('refuses an answer past its size limit, and gives up at the deadline', async () => {
    answer = (_req, res) => res.end('x'.repeat(5_000));
    await expect(
      pinnedTo(['127.0.0.1'], ['127.0.0.1/32'], 1_000)(`http://idp.rebind.invalid:${port}/`),
    ).rejects.toThrow(TypeError);
    answer = () => {}; // never answers
    const started = Date.now();
    await expect(
      pinnedTo(['127.0.0.1'])(`http://idp.rebind.invalid:${port}/`, {
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a refused connection as a TypeError, as the global fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const gone = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await pinnedTo(['127.0.0.1'])(`http://idp.rebind.invalid:${gone}/`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });
});
