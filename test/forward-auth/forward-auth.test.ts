/**
 * Forward-auth through real proxies (DESIGN §5, §8): Caddy and nginx from Debian, configured by
 * the snippets `catalyst snippet` prints, in front of the sample upstream from
 * examples/forward-auth, asking a real auth server either at its own `/api/auth/forward` or
 * through `catalyst forward-auth` running beside it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type RunningUpstream } from '../../examples/forward-auth/upstream.mjs';
import {
  serveForwardAuth,
  type RunningForwardAuth,
} from '../../packages/authkit/src/cli/forward-auth-server.js';
import type { CliIo } from '../../packages/authkit/src/cli/io.js';
import { runCli } from '../../packages/authkit/src/cli/run-cli.js';
import { caddySnippet, nginxSnippet } from '../../packages/authkit/src/snippets/index.js';
import { SECRET, startAuthServer, type AuthServer, type Caller } from './auth-server.js';
import {
  CADDY_BIN,
  NGINX_BIN,
  hasCaddy,
  hasNginx,
  startCaddy,
  startNginx,
  type RunningProxy,
} from './proxies.js';

/** Seconds between revocation-list polls, for the server and `catalyst forward-auth` alike. */
const POLL_SECONDS = 1;

const ROUTES = [
  { path: '/public/*', public: true },
  { path: '/admin/*', require: { roles: ['admin'] } },
  { path: '/owners/*', require: { roles: ['owner'], org: true } },
  { path: '/reports/*', require: { scopes: ['reports:read'] } },
  { path: '/billing/*', require: { scopes: ['billing:read'] } },
];

interface Setup {
  proxy: 'caddy' | 'nginx';
  /** `server`: the auth server's own /api/auth/forward; `cli`: `catalyst forward-auth`. */
  via: 'server' | 'cli';
}

// nginx `auth_request` turns a 302 into a 500, so forward-auth answers nginx with 401s (both
// entries tell nginx apart by the X-Original-URI its snippet sends) and the snippet's error_page
// sends browsers on to the sign-in page itself. One `catalyst forward-auth` serves both proxies.
const SETUPS: Setup[] = [
  { proxy: 'caddy', via: 'server' },
  { proxy: 'caddy', via: 'cli' },
  { proxy: 'nginx', via: 'server' },
  { proxy: 'nginx', via: 'cli' },
];

const available = (proxy: Setup['proxy']) => (proxy === 'caddy' ? hasCaddy() : hasNginx());
const label = (s: Setup) =>
  `${s.proxy} → ${s.via === 'server' ? 'the auth server /api/auth/forward' : 'catalyst forward-auth'}`;
const slug = (s: Setup) => `${s.proxy}-${s.via}`;

let auth: AuthServer;
let upstream: RunningUpstream;
const dir = mkdtempSync(join(tmpdir(), 'catalyst-forward-auth-test-'));

beforeAll(async () => {
  auth = await startAuthServer({
    scopes: ['reports:read', 'billing:read'],
    revocationPollSeconds: POLL_SECONDS,
    forwardAuth: { routes: ROUTES },
  });
  upstream = await startUpstream({ port: 0 });
});

afterAll(async () => {
  await upstream?.close();
  await auth?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** What the upstream saw, when the request reached it. */
  upstream: {
    url: string;
    identity: Record<string, string>;
    headers: Record<string, string>;
  } | null;
}

function io(env: Record<string, string>): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { env, lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

for (const setup of SETUPS) {
  const bin = setup.proxy === 'caddy' ? CADDY_BIN : NGINX_BIN;
  describe.skipIf(!available(setup.proxy))(label(setup), () => {
    let proxy: RunningProxy;
    let cli: RunningForwardAuth | undefined;
    let user: Caller;

    beforeAll(async () => {
      let authUrl = auth.origin;
      if (setup.via === 'cli') {
        const config = join(dir, `${slug(setup)}.json`);
        writeFileSync(
          config,
          JSON.stringify({ routes: ROUTES, revocationPollSeconds: POLL_SECONDS }),
        );
        cli = await serveForwardAuth(
          io({
            CATALYST_BASE_URL: auth.origin,
            CATALYST_TRUSTED_PROXIES: 'loopback',
            CATALYST_SECRET: SECRET,
          }),
          { port: 0, configPath: config },
        );
        authUrl = cli.url;
      }
      proxy =
        setup.proxy === 'caddy'
          ? await startCaddy((port) =>
              caddySnippet({ authUrl, upstream: upstream.url, host: `http://127.0.0.1:${port}` }),
            )
          : await startNginx((port) =>
              nginxSnippet({
                authUrl,
                upstream: upstream.url,
                serverName: '_',
                listen: `127.0.0.1:${port}`,
              }),
            );
      user = await auth.signUp();
    });

    afterAll(async () => {
      await proxy?.stop();
      await cli?.close();
    });

    /** A request to the protected site, through the proxy. */
    async function through(path: string, headers: Record<string, string> = {}): Promise<Answer> {
      const response = await fetch(`${proxy.url}${path}`, { headers, redirect: 'manual' });
      const text = await response.text();
      let seen: Answer['upstream'] = null;
      try {
        const body = JSON.parse(text) as NonNullable<Answer['upstream']>;
        if (body && typeof body === 'object' && 'identity' in body) seen = body;
      } catch {
        // not the upstream's JSON
      }
      return { status: response.status, headers: response.headers, text, upstream: seen };
    }

    const failure = (answer: Answer) =>
      `${answer.status} ${answer.text.slice(0, 500)}\n--- ${setup.proxy} logs\n${proxy.logs().slice(-3000)}`;

    it('passes an allowed request to the upstream with the identity headers', async () => {
      const answer = await through('/app/page?x=1', { cookie: user.cookie });
      expect(answer.status, failure(answer)).toBe(200);
      expect(answer.upstream?.url).toBe('/app/page?x=1');
      expect(answer.upstream?.identity['x-user-sub']).toBe(user.userId);
      expect(answer.upstream?.identity['remote-user']).toBe(user.userId);
      // Signed in outside any org: no org, no roles (Caddy sends them empty, nginx leaves them out).
      expect(answer.upstream?.identity['x-org-id'] ?? '').toBe('');
      expect(answer.upstream?.identity['x-roles'] ?? '').toBe('');
    });

    it('carries the active org and its roles', async () => {
      const owner = await auth.signUp();
      const created = await owner.call('/orgs', {
        json: { name: 'Acme', slug: `acme-${slug(setup)}` },
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const org = (await created.json()) as { id: string };
      const switched = await owner.call('/session/active-org', { json: { orgId: org.id } });
      expect(switched.status, await switched.clone().text()).toBe(200);
      owner.update(switched);

      const answer = await through('/owners/settings', { cookie: owner.cookie });
      expect(answer.status, failure(answer)).toBe(200);
      expect(answer.upstream?.identity['x-user-sub']).toBe(owner.userId);
      expect(answer.upstream?.identity['x-org-id']).toBe(org.id);
      expect(answer.upstream?.identity['x-roles']?.split(',')).toContain('owner');
    });

    it('never lets client-forged identity headers reach the upstream', async () => {
      const forged = {
        'X-User-Sub': 'usr_forged',
        'X-Org-ID': 'org_forged',
        'X-Labels': 'tier:forged',
        'X-Scopes': 'admin:*',
        'X-Roles': 'admin',
        'Remote-User': 'forged',
        'Remote-Groups': 'admins',
      };
      const signedIn = await through('/app/page', { ...forged, cookie: user.cookie });
      expect(signedIn.status, failure(signedIn)).toBe(200);
      // A public route with no credentials: forward-auth answers every header empty.
      const anonymous = await through('/public/page', forged);
      expect(anonymous.status, failure(anonymous)).toBe(200);
      for (const [answer, sub] of [
        [signedIn, user.userId],
        [anonymous, ''],
      ] as const) {
        const seen = answer.upstream!.identity;
        expect(seen['x-user-sub'] ?? '').toBe(sub);
        expect(seen['remote-user'] ?? '').toBe(sub);
        for (const name of ['x-org-id', 'x-labels', 'x-scopes', 'x-roles', 'remote-groups'])
          expect(seen[name] ?? '', name).toBe('');
        expect(JSON.stringify(answer.upstream!.headers)).not.toMatch(/forged|usr_forged|admins/);
      }
    });

    it('judges the path the client asked for, whatever X-Original-* / X-Forwarded-* it adds', async () => {
      const answer = await through('/admin/users', {
        cookie: user.cookie,
        'X-Original-URI': '/public/x',
        'X-Original-URL': `${proxy.url}/public/x`,
        'X-Forwarded-Uri': '/public/x',
        'X-Forwarded-Host': 'elsewhere.example.com',
      });
      expect(answer.upstream, failure(answer)).toBeNull();
      expect(answer.status, failure(answer)).toBe(403);
    });

    it('sends a signed-out browser to sign-in with the return URL (302)', async () => {
      const answer = await through('/app/page?x=1', {
        accept: 'text/html,application/xhtml+xml',
      });
      expect(answer.status, failure(answer)).toBe(302);
      expect(answer.upstream).toBeNull();
      const location = new URL(answer.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(`${auth.origin}/sign-in`);
      expect(location.searchParams.get('redirect_url')).toBe(`${proxy.url}/app/page?x=1`);
    });

    it('answers a signed-out API call 401 with a Bearer challenge', async () => {
      const calls: Array<Record<string, string>> = [
        { accept: 'application/json' },
        { accept: 'text/html', 'x-requested-with': 'XMLHttpRequest' },
        { authorization: 'Bearer not-a-token' },
      ];
      for (const headers of calls) {
        const answer = await through('/app/data', headers);
        expect(answer.status, `${JSON.stringify(headers)}: ${failure(answer)}`).toBe(401);
        expect(answer.upstream).toBeNull();
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="catalyst"/);
      }
    });

    it('answers 403 to a signed-in caller without the required role', async () => {
      const answer = await through('/admin/users', { cookie: user.cookie });
      expect(answer.status, failure(answer)).toBe(403);
      expect(answer.upstream).toBeNull();
    });

    it('API key → exchange → bearer: allowed within its scopes, 403 beyond them', async () => {
      const created = await user.call('/me/keys', {
        json: { name: `proxy-${slug(setup)}`, scopes: ['reports:read'] },
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const { secret } = (await created.json()) as { secret: string };

      // `catalyst token`, as a script would run it: the key from the environment.
      const cli = io({ CATALYST_API_KEY: secret, CATALYST_BASE_URL: auth.origin });
      expect(await runCli(['token', '--scope', 'reports:read'], cli), cli.errors.join('\n')).toBe(
        0,
      );
      const token = cli.lines[0]!;

      const allowed = await through('/reports/q3', { authorization: `Bearer ${token}` });
      expect(allowed.status, failure(allowed)).toBe(200);
      expect(allowed.upstream?.identity['x-user-sub']).toBe(user.userId);
      expect(allowed.upstream?.identity['x-scopes']?.split(',')).toEqual(['reports:read']);

      const beyond = await through('/billing/invoices', { authorization: `Bearer ${token}` });
      expect(beyond.status, failure(beyond)).toBe(403);
      expect(beyond.upstream).toBeNull();
      // The key itself is never a bearer token.
      const raw = await through('/reports/q3', { authorization: `Bearer ${secret}` });
      expect(raw.status, failure(raw)).toBe(401);
    });

    it(`refuses a signed-out (revoked) session within the ${POLL_SECONDS}s poll interval`, async () => {
      const leaving = await auth.signUp();
      const cookie = leaving.cookie;
      const before = await through('/app/page', { cookie, accept: 'application/json' });
      expect(before.status, failure(before)).toBe(200);

      const signOut = await leaving.call('/sign-out', { method: 'POST' });
      expect(signOut.status, await signOut.clone().text()).toBeLessThan(300);
      const revokedAt = Date.now();
      // The old cookie is replayed as is: its JWT is still unexpired, only revocation stops it.
      let answer = before;
      while (answer.status === 200 && Date.now() - revokedAt < (POLL_SECONDS + 4) * 1000) {
        await new Promise((r) => setTimeout(r, 100));
        answer = await through('/app/page', { cookie, accept: 'application/json' });
      }
      expect(answer.status, failure(answer)).toBe(401);
      expect(answer.upstream).toBeNull();
      // One poll interval, plus a second of slack for the request that notices it.
      expect(Date.now() - revokedAt).toBeLessThan((POLL_SECONDS + 1) * 1000 + 1000);
    });

    if (setup.proxy === 'nginx')
      it('hands the decision cookie to the client and honours it on the next request', async () => {
        const first = await through('/app/page', { cookie: user.cookie });
        expect(first.status, failure(first)).toBe(200);
        const decision = first.headers
          .getSetCookie()
          .find((c) => c.startsWith('catalyst_decision='));
        expect(decision, first.headers.getSetCookie().join('\n')).toBeDefined();
        expect(decision).toMatch(/HttpOnly/i);
        const again = await through('/app/page', {
          cookie: `${user.cookie}; ${decision!.split(';')[0]}`,
        });
        expect(again.status, failure(again)).toBe(200);
        expect(again.upstream?.identity['x-user-sub']).toBe(user.userId);
      });
  });
  if (!available(setup.proxy))
    it.skip(`${label(setup)}: skipped, ${bin} is missing (apt-get install ${setup.proxy})`);
}
