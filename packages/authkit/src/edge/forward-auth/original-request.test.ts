import { beforeAll, describe, expect, it } from 'vitest';
import { normalizePath, readOriginalRequest } from './original-request.js';
import {
  forwardRequest,
  makeHandler,
  makeKeys,
  mint,
  PROXY_IP,
  STRANGER_IP,
  TRUSTED,
  type TestKeys,
} from './test-support.js';

/**
 * What Traefik's forwardAuth middleware sends (pkg/middlewares/auth/forward.go, `writeHeader`):
 * the client's headers, then X-Forwarded-For (its peer, appended to the client's chain only with
 * trustForwardHeader), and X-Forwarded-Method/-Proto/-Host/-Uri. With trustForwardHeader off it
 * writes its own view of the request; with it on, a client's copies pass through unchanged.
 */
function traefik(
  client: { method: string; url: string; headers?: Record<string, string> },
  config: { trustForwardHeader: boolean; remoteAddr?: string },
): Request {
  const url = new URL(client.url);
  const incoming = new Headers(client.headers);
  const out = new Headers(incoming);
  const trust = config.trustForwardHeader;
  const prior = incoming.get('x-forwarded-for');
  const remote = config.remoteAddr ?? '198.51.100.7';
  out.set('x-forwarded-for', trust && prior ? `${prior}, ${remote}` : remote);
  const pick = (name: string, own: string) => {
    const sent = incoming.get(name);
    out.set(name, sent && trust ? sent : own);
  };
  pick('x-forwarded-method', client.method);
  pick('x-forwarded-proto', url.protocol.slice(0, -1));
  pick('x-forwarded-host', url.host);
  pick('x-forwarded-uri', `${url.pathname}${url.search}`);
  return new Request('http://catalyst:3000/api/auth/forward', { headers: out });
}

let keys: TestKeys;
let token: string;
beforeAll(async () => {
  keys = await makeKeys('forwarded');
  token = await mint(keys);
});

const routes = [
  { host: 'admin.example.com', require: { roles: ['owner'] } },
  { host: 'app.example.com' },
];

describe('Traefik forwardAuth', () => {
  it('with trustForwardHeader off, Traefik overwrites a client-forged X-Forwarded-Host', async () => {
    const fa = makeHandler(keys, { routes });
    const forged = {
      authorization: `Bearer ${token}`,
      'x-forwarded-host': 'app.example.com',
      'x-forwarded-uri': '/public',
    };
    const req = traefik(
      { method: 'POST', url: 'https://admin.example.com/delete?all=1', headers: forged },
      { trustForwardHeader: false },
    );
    expect(req.headers.get('x-forwarded-host')).toBe('admin.example.com');
    const res = await fa.handle(req, TRUSTED);
    expect(res.status).toBe(403); // judged as admin.example.com, where the owner role is needed
  });

  it('with trustForwardHeader on, the forged host reaches the handler (keep it off)', async () => {
    const fa = makeHandler(keys, { routes });
    const req = traefik(
      {
        method: 'GET',
        url: 'https://admin.example.com/delete',
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-host': 'app.example.com' },
      },
      { trustForwardHeader: true },
    );
    expect(req.headers.get('x-forwarded-host')).toBe('app.example.com');
    // The handler cannot tell: it matches policy on what the trusted proxy says.
    expect((await fa.handle(req, TRUSTED)).status).toBe(200);
  });

  it('rebuilds method, proto, host and URI exactly from the headers Traefik sends', () => {
    const req = traefik(
      { method: 'PATCH', url: 'https://App.Example.com:8443/a/b?x=1&y=%20' },
      { trustForwardHeader: false },
    );
    const read = readOriginalRequest(req.headers, true);
    expect(read).toEqual({
      ok: true,
      request: {
        method: 'PATCH',
        proto: 'https',
        host: 'app.example.com:8443',
        hostname: 'app.example.com',
        uri: '/a/b?x=1&y=%20',
        path: '/a/b',
        url: 'https://app.example.com:8443/a/b?x=1&y=%20',
      },
    });
  });

  it('refuses a client-added X-Original-URL that disagrees with what Traefik wrote', async () => {
    const fa = makeHandler(keys, { routes });
    const req = traefik(
      {
        method: 'GET',
        url: 'https://admin.example.com/x',
        headers: {
          authorization: `Bearer ${token}`,
          'x-original-url': 'https://app.example.com/x',
        },
      },
      { trustForwardHeader: false },
    );
    const res = await fa.handle(req, TRUSTED);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'malformed_forward_headers',
      field: 'x-original-url',
    });
  });
});

describe('Caddy forward_auth and nginx auth_request', () => {
  it('reads Caddy: X-Forwarded-Method/-Uri from forward_auth, -Proto/-Host from reverse_proxy', () => {
    const headers = new Headers({
      'x-forwarded-method': 'GET',
      'x-forwarded-uri': '/reports?id=7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'app.example.com',
      'x-forwarded-for': '198.51.100.7',
    });
    const read = readOriginalRequest(headers, true);
    expect(read.ok && read.request.url).toBe('https://app.example.com/reports?id=7');
  });

  it('reads nginx: X-Original-URL alone, or X-Original-URI with X-Forwarded-Host/-Proto', () => {
    const url = readOriginalRequest(
      new Headers({
        'x-original-url': 'https://app.example.com/a?b=1',
        'x-original-method': 'DELETE',
      }),
      true,
    );
    expect(
      url.ok && [url.request.method, url.request.proto, url.request.host, url.request.uri],
    ).toEqual(['DELETE', 'https', 'app.example.com', '/a?b=1']);
    const uri = readOriginalRequest(
      new Headers({
        'x-original-uri': '/a',
        'x-forwarded-host': 'app.example.com',
        'x-forwarded-proto': 'http',
      }),
      true,
    );
    expect(uri.ok && uri.request.url).toBe('http://app.example.com/a');
    // Both sets, agreeing (Authelia's nginx snippet sends both): fine.
    const both = readOriginalRequest(
      new Headers({
        'x-original-url': 'https://app.example.com/a',
        'x-forwarded-host': 'app.example.com',
        'x-forwarded-uri': '/a',
        'x-forwarded-proto': 'https',
        'x-forwarded-method': 'GET',
        'x-original-method': 'get',
      }),
      true,
    );
    expect(both.ok).toBe(true);
  });

  it('refuses a client-sent X-Forwarded-Uri that disagrees with nginx’s X-Original-URL', () => {
    const read = readOriginalRequest(
      new Headers({
        'x-original-url': 'https://app.example.com/admin',
        'x-forwarded-uri': '/public',
      }),
      true,
    );
    expect(read).toMatchObject({ ok: false, problem: { field: 'x-original-url' } });
  });

  it('percent-encodes raw non-ASCII bytes nginx passes in $request_uri', () => {
    const read = readOriginalRequest(
      new Headers({ 'x-original-url': 'https://app.example.com/caf\u00c3\u00a9 x' }),
      true,
    );
    expect(read.ok && read.request.uri).toBe('/caf%C3%A9%20x');
  });
});

describe('trust and malformed headers', () => {
  it('refuses forwarded headers from a peer outside trustedProxies (400 untrusted_proxy)', async () => {
    const fa = makeHandler(keys);
    for (const info of [{ ip: STRANGER_IP }, { ip: null }, undefined, { ip: 'not-an-ip' }]) {
      const res = await fa.handle(forwardRequest({ bearer: token }), info);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'untrusted_proxy' });
    }
    expect(
      (await fa.handle(forwardRequest({ bearer: token }), { ip: `::ffff:${PROXY_IP}` })).status,
    ).toBe(200);
    expect((await fa.handle(forwardRequest({ bearer: token }), { ip: '127.0.0.1' })).status).toBe(
      200,
    );
  });

  const cases: Array<[string, Record<string, string>, string]> = [
    ['method not a token', { 'x-forwarded-method': 'GE T' }, 'x-forwarded-method'],
    ['URI not starting with /', { 'x-forwarded-uri': 'https://evil.example/' }, 'x-forwarded-uri'],
    ['host with a path', { 'x-forwarded-host': 'app.example.com/x' }, 'x-forwarded-host'],
    ['host with userinfo', { 'x-forwarded-host': 'user@app.example.com' }, 'x-forwarded-host'],
    ['host with a bad port', { 'x-forwarded-host': 'app.example.com:99999' }, 'x-forwarded-host'],
    ['proto not http(s)', { 'x-forwarded-proto': 'javascript' }, 'x-forwarded-proto'],
    ['control character', { 'x-forwarded-uri': '/a\u0001b' }, 'x-forwarded-uri'],
    ['tab in the host', { 'x-forwarded-host': 'app\t.example.com' }, 'x-forwarded-host'],
    ['over 8 KiB', { 'x-forwarded-uri': `/${'a'.repeat(8 * 1024)}` }, 'x-forwarded-uri'],
    ['X-Original-URL not absolute', { 'x-original-url': '/relative' }, 'x-original-url'],
    ['methods disagree', { 'x-original-method': 'POST' }, 'x-original-method'],
  ];
  it.each(cases)('400 malformed_forward_headers: %s', async (_name, headers, field) => {
    const res = await makeHandler(keys).handle(forwardRequest({ bearer: token, headers }), TRUSTED);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'malformed_forward_headers', field });
  });

  it('names the missing header', async () => {
    const fa = makeHandler(keys);
    for (const field of ['x-forwarded-host', 'x-forwarded-uri', 'x-forwarded-proto']) {
      const req = forwardRequest({ bearer: token });
      const headers = new Headers(req.headers);
      headers.delete(field);
      const res = await fa.handle(new Request(req.url, { headers }), TRUSTED);
      expect(await res.json()).toMatchObject({ code: 'malformed_forward_headers', field });
    }
  });

  it('keeps the host of the return URL even for a URI like //evil.example', () => {
    const read = readOriginalRequest(
      new Headers({
        'x-forwarded-host': 'app.example.com',
        'x-forwarded-uri': '//evil.example/x',
        'x-forwarded-proto': 'https',
      }),
      true,
    );
    expect(read.ok && new URL(read.request.url).host).toBe('app.example.com');
    expect(read.ok && read.request.path).toBe('/evil.example/x');
  });
});

describe('normalizePath', () => {
  it.each([
    ['/a/../admin', '/admin'],
    ['/%61dmin', '/admin'],
    ['//admin//x', '/admin/x'],
    ['/a/%2e%2e/admin', '/admin'],
    ['/a/.%2E/admin', '/admin'],
    ['/a%2Fb', '/a%2Fb'],
    ['/a\\..\\admin', '/admin'],
    ['/x?y=/admin', '/x'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });
});
