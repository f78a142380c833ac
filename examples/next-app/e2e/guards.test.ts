import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, inject, it } from 'vitest';

// The guards in the built example: the anchored matcher, and trust anchors from CATALYST_BASE_URL.
const url = inject('appUrl');
const PASSWORD = 'correct horse battery staple 42';

interface RawResponse {
  status: number;
  location: string | undefined;
  body: string;
}

/** A GET with any headers, `Host` included (fetch would not send a forged one). */
function rawGet(path: string, headers: Record<string, string>): Promise<RawResponse> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, location: res.headers.location, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

let email: string;
let cookie: string;
beforeAll(async () => {
  email = `guards-${Date.now().toString(36)}@example.com`;
  const res = await fetch(`${url}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: PASSWORD, name: 'Guard' }),
  });
  expect(res.status).toBe(201);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
});

describe("the example's proxy matcher", () => {
  it.each(['/api/authors', '/api/auth-admin'])(
    'guards %s, which only shares a prefix with the auth routes',
    async (path) => {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'unauthenticated' });
    },
  );

  it('still lets the auth routes reach the auth handler', async () => {
    const res = await fetch(`${url}/api/auth/session`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: null, session: null });
  });
});

describe('forged Host and X-Forwarded-* headers', () => {
  const forgeries: Array<[string, Record<string, string>]> = [
    ['X-Forwarded-Proto: https', { 'x-forwarded-proto': 'https' }],
    [
      'X-Forwarded-Host: evil.example',
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    ],
    ['Host: evil.example', { host: 'evil.example' }],
  ];

  it.each(forgeries)('%s: a signed-in cookie still verifies', async (_, headers) => {
    const page = await rawGet('/dashboard', { ...headers, cookie });
    expect(page.status, page.body.slice(0, 500)).toBe(200);
    expect(page.body).toContain(email);
    const api = await rawGet('/api/me', { ...headers, cookie });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toMatchObject({ email });
  });

  it.each(forgeries)('%s: a signed-out redirect stays on CATALYST_BASE_URL', async (_, headers) => {
    const res = await rawGet('/dashboard?tab=keys', headers);
    expect(res.status).toBe(307);
    const location = new URL(res.location!, url);
    expect(location.origin).toBe(url);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('redirect_url')).toBe(`${url}/dashboard?tab=keys`);
  });
});
