import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forwardAuthOptions,
  parseForwardAuthConfig,
  serveForwardAuth,
  type RunningForwardAuth,
} from './forward-auth-server.js';
import { runCli } from './run-cli.js';
import { capture, startTestServer, type SignedIn, type TestServer } from './test-server.js';

const IDENTITY = [
  'x-user-sub',
  'x-org-id',
  'x-labels',
  'x-scopes',
  'x-roles',
  'remote-user',
  'remote-groups',
];

const dir = mkdtempSync(join(tmpdir(), 'catalyst-forward-auth-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, config: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

describe('forward-auth config file', () => {
  it('accepts routes, requirements and settings', () => {
    expect(
      parseForwardAuthConfig({
        routes: [
          { id: 'public', path: '/public/*', public: true },
          { host: 'admin.example.com', require: { roles: ['admin'], mfa: true } },
        ],
        defaultRequire: { scopes: ['app:read'] },
        mode: 'nginx',
        signInUrl: 'https://app.example.com/sign-in',
        revocationPollSeconds: 2,
      }),
    ).toMatchObject({ mode: 'nginx', routes: [{ public: true }, { require: { mfa: true } }] });
  });

  it('names the field that is wrong, including a misspelt requirement', () => {
    const cases: Array<[unknown, RegExp]> = [
      [[], /\(root\): must be a JSON object/],
      [{ route: [] }, /route: unknown key/],
      [{ routes: [{ path: '/a', require: { role: ['admin'] } }] }, /routes\.0\.require\.role/],
      [{ routes: [{ path: '/a', requires: {} }] }, /routes\.0\.requires: unknown key/],
      [{ routes: [{ path: 1 }] }, /routes\.0\.path: must be a non-empty string/],
      [{ routes: [{ public: 'yes' }] }, /routes\.0\.public/],
      [{ defaultRequire: { roles: [] } }, /defaultRequire\.roles/],
      [{ mode: 'traefik' }, /mode: must be auto or nginx/],
      [{ revocationPollSeconds: 0 }, /revocationPollSeconds/],
      [{ basePath: 'api' }, /basePath/],
    ];
    for (const [input, message] of cases)
      expect(() => parseForwardAuthConfig(input), JSON.stringify(input)).toThrow(message);
  });

  it('takes issuer, JWKS and revocations from CATALYST_BASE_URL, proxies from the env', async () => {
    const options = await forwardAuthOptions(
      {
        CATALYST_BASE_URL: 'https://id.example.com',
        CATALYST_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8',
        CATALYST_SECRET: 'x'.repeat(40),
      },
      { routes: [{ path: '/a' }] },
    );
    expect(options).toMatchObject({
      issuer: 'https://id.example.com/api/auth',
      audience: 'catalyst',
      jwks: 'https://id.example.com/api/auth/.well-known/jwks.json',
      revocations: { url: 'https://id.example.com/api/auth/revocations' },
      trustedProxies: ['loopback', '10.0.0.0/8'],
      signInUrl: 'https://id.example.com/sign-in',
      refreshUrl: 'https://id.example.com/api/auth/refresh',
      mode: 'auto',
      routes: [{ path: '/a' }],
    });
    expect(options.decisionSecret).toBeDefined();
    // No secret: no decision cookies (never a guessable default key).
    expect(
      (await forwardAuthOptions({ CATALYST_BASE_URL: 'https://id.example.com' })).decisionSecret,
    ).toBeUndefined();
    await expect(forwardAuthOptions({})).rejects.toThrow(/CATALYST_BASE_URL/);
    await expect(forwardAuthOptions({ CATALYST_BASE_URL: 'id.example.com' })).rejects.toThrow(
      /CATALYST_BASE_URL/,
    );
  });

  it('catalyst forward-auth exits non-zero with the reason for a bad file or port', async () => {
    const env = { CATALYST_BASE_URL: 'http://127.0.0.1:1', CATALYST_TRUSTED_PROXIES: 'loopback' };
    const missing = capture(env);
    const path = join(dir, 'nope.json');
    expect(await runCli(['forward-auth', '--port', '0', '--config', path], missing.io)).toBe(1);
    expect(missing.errors.join('\n')).toContain(`cannot read ${path}: ENOENT`);
    const broken = capture(env);
    const bad = writeConfig('broken.json', '{ "routes": [ }');
    expect(await runCli(['forward-auth', '--port', '0', '--config', bad], broken.io)).toBe(1);
    expect(broken.errors.join('\n')).toContain(`${bad} is not valid JSON`);
    const port = capture(env);
    expect(await runCli(['forward-auth', '--port', 'x'], port.io)).toBe(2);
    expect(port.errors.join('\n')).toMatch(/invalid --port/);
  });
});

describe('catalyst forward-auth against a real auth server', () => {
  let server: TestServer;
  let user: SignedIn;
  let auto: RunningForwardAuth;
  let nginx: RunningForwardAuth;
  const logs = capture();

  beforeAll(async () => {
    server = await startTestServer();
    user = await server.signUp();
    const env = {
      CATALYST_BASE_URL: server.origin,
      CATALYST_TRUSTED_PROXIES: 'loopback',
      CATALYST_SECRET: 'forward-auth-cli-secret-forward-auth-cli-secret',
    };
    const routes = [
      { path: '/public/*', public: true },
      { path: '/admin/*', require: { roles: ['admin'] } },
    ];
    const config = writeConfig('auto.json', {
      routes,
      allowedReturnHosts: ['app.example.com'],
      revocationPollSeconds: 1,
    });
    auto = await serveForwardAuth({ ...logs.io, env }, { port: 0, configPath: config });
    const nginxConfig = writeConfig('nginx.json', {
      routes,
      mode: 'nginx',
      allowedReturnHosts: ['app.example.com'],
    });
    nginx = await serveForwardAuth({ ...logs.io, env }, { port: 0, configPath: nginxConfig });
  });
  afterAll(async () => {
    await auto?.close();
    await nginx?.close();
    await server?.close();
  });

  /** What Traefik or Caddy would send for `GET http://app.example.com<uri>`. */
  const ask = (
    target: RunningForwardAuth,
    uri: string,
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    fetch(`${target.url}/api/auth/forward`, {
      redirect: 'manual',
      headers: {
        'x-forwarded-method': 'GET',
        'x-forwarded-proto': 'http',
        'x-forwarded-host': 'app.example.com',
        'x-forwarded-uri': uri,
        ...headers,
      },
    });

  it('prints where it listens', () => {
    expect(logs.lines.join('\n')).toMatch(
      /catalyst forward-auth listening on http:\/\/127\.0\.0\.1:\d+ \(issuer http:\/\/localhost:\d+\/api\/auth, 2 routes, auto mode\)/,
    );
  });

  it('answers 200 with every identity header for a signed-in session cookie', async () => {
    const response = await ask(auto, '/dashboard', { cookie: user.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-user-sub')).toBe(user.userId);
    expect(response.headers.get('remote-user')).toBe(user.userId);
    for (const name of IDENTITY) expect(response.headers.has(name), name).toBe(true);
  });

  it('accepts a bearer token, and the public route without any', async () => {
    const bearer = await ask(auto, '/dashboard', { authorization: `Bearer ${user.accessToken}` });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get('x-user-sub')).toBe(user.userId);
    const open = await ask(auto, '/public/page');
    expect(open.status).toBe(200);
    expect(open.headers.get('x-user-sub')).toBe('');
  });

  it('sends signed-out browsers to sign-in (302) and API callers a 401', async () => {
    const browser = await ask(auto, '/dashboard?tab=1', { accept: 'text/html' });
    expect(browser.status).toBe(302);
    const location = new URL(browser.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${server.origin}/sign-in`);
    expect(location.searchParams.get('redirect_url')).toBe(
      'http://app.example.com/dashboard?tab=1',
    );
    const api = await ask(auto, '/dashboard', { accept: 'application/json' });
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer realm="catalyst"/);
  });

  it('in nginx mode answers browsers 401 with the sign-in Location', async () => {
    const browser = await ask(nginx, '/dashboard', { accept: 'text/html' });
    expect(browser.status).toBe(401);
    expect(browser.headers.get('location')).toMatch(new RegExp(`^${server.origin}/sign-in\\?`));
  });

  it('in auto mode answers the nginx snippet (X-Original-*) like nginx mode', async () => {
    const response = await fetch(`${auto.url}/api/auth/forward`, {
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        'x-original-method': 'GET',
        'x-original-uri': '/dashboard',
        'x-original-url': 'http://app.example.com/dashboard',
      },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('location')).toMatch(new RegExp(`^${server.origin}/sign-in\\?`));
    const allowed = await fetch(`${auto.url}/api/auth/forward`, {
      headers: {
        cookie: user.cookie,
        'x-original-method': 'GET',
        'x-original-uri': '/dashboard',
        'x-original-url': 'http://app.example.com/dashboard',
      },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('x-user-sub')).toBe(user.userId);
  });

  it('answers 403 when the route needs a role the caller lacks', async () => {
    const response = await ask(auto, '/admin/users', { cookie: user.cookie });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-user-sub')).toBeNull();
  });

  it('refuses a signed-out session within the poll interval', async () => {
    const other = await server.signUp();
    expect((await ask(auto, '/dashboard', { cookie: other.cookie })).status).toBe(200);
    const signOut = await other.call('/sign-out', { method: 'POST' });
    expect(signOut.status).toBeLessThan(300);
    const deadline = Date.now() + 5_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await ask(auto, '/dashboard', { cookie: other.cookie })).status;
    }
    expect(status).toBe(401);
  });
});
