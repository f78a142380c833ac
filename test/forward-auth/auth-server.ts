/**
 * The real auth server for the forward-auth tests: `createAuthkit` on an in-memory PGlite
 * database, served by Node's HTTP server on 127.0.0.1 (the socket address is the client IP, as
 * in `catalyst serve`), plus a caller that signs up and keeps its cookies like a browser would.
 */
import { randomUUID } from 'node:crypto';
import { createArgon2Hasher } from '../../packages/authkit/src/adapters/idp/argon2-hasher.js';
import { listen } from '../../packages/authkit/src/cli/node-server.js';
import { createAuthkit, type Authkit } from '../../packages/authkit/src/server/create-authkit.js';
import type { AuthkitConfig } from '../../packages/authkit/src/server/config.js';
import { freePort } from '../support/free-port.js';

export const PASSWORD = 'correct-horse-battery-staple-42';
export const SECRET = 'forward-auth-tests-secret-forward-auth-tests-0123';

export interface AuthServer {
  authkit: Authkit;
  /** `http://127.0.0.1:<port>`: the public base URL (CATALYST_BASE_URL). */
  origin: string;
  /** `<origin>/api/auth` */
  base: string;
  signUp(): Promise<Caller>;
  close(): Promise<void>;
}

export interface Caller {
  userId: string;
  /** For a Cookie header: `catalyst_access=…; catalyst_refresh=…`. */
  cookie: string;
  /** A call to the auth server under /api/auth with this caller's cookies and Origin. */
  call(path: string, init?: { method?: string; json?: unknown }): Promise<Response>;
  /** Replaces the cookies with those a response set (e.g. after switching the active org). */
  update(response: Response): void;
}

function cookiePairs(response: Response): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    const eq = pair.indexOf('=');
    pairs.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return pairs;
}

export async function startAuthServer(config: AuthkitConfig = {}): Promise<AuthServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const authkit = createAuthkit({
    dataDir: `memory://forward-auth-${randomUUID()}`,
    secret: SECRET,
    baseUrl: origin,
    trustedProxies: ['loopback'],
    passwordHasher: createArgon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    ...config,
    rateLimits: { signUpPerIp: { points: 1_000, durationSeconds: 60 }, ...config.rateLimits },
  });
  await authkit.api.ready();
  const server = await listen((request, info) => authkit.handler(request, info), { port });
  const base = `${origin}${authkit.settings.basePath}`;

  const call =
    (cookies: Map<string, string>) =>
    (path: string, init: { method?: string; json?: unknown } = {}) =>
      fetch(`${base}${path}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: {
          origin,
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });

  return {
    authkit,
    origin,
    base,
    async signUp() {
      const response = await fetch(`${base}/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ email: `u-${randomUUID()}@example.com`, password: PASSWORD }),
      });
      if (response.status !== 201)
        throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
      const { user } = (await response.json()) as { user: { id: string } };
      const cookies = cookiePairs(response);
      const caller: Caller = {
        userId: user.id,
        get cookie() {
          return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        },
        call: call(cookies),
        update(next) {
          for (const [k, v] of cookiePairs(next)) cookies.set(k, v);
        },
      };
      return caller;
    },
    async close() {
      await server.close();
      await authkit.api.close();
    },
  };
}
