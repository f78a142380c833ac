/* global fetch, AbortSignal */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';
import { freePort, onCleanup, startServer, withOutput } from './processes.mjs';

// Each target is a server in its own child process, so the load generator never shares its JS
// thread. start() resolves to { url, headers, expect(json) -> problem | null, server, stop }.

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const CLI = here('../../packages/authkit/dist/cli/index.js');
const PASSWORD = 'correct horse battery staple 42';
// Children run as in production (Better Auth and Hono keep dev-only paths behind NODE_ENV).
const CHILD_ENV = { NODE_ENV: 'production' };

const secret = () => randomBytes(32).toString('base64url');

const hasUser = (email) => (json) =>
  json?.user?.email === email && json?.session
    ? null
    : `expected { user: { email: ${email} }, session }, got ${JSON.stringify(json)?.slice(0, 300)}`;

async function postJson(url, origin, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  // name=value of every Set-Cookie, attributes dropped
  const cookies = new Map(
    res.headers.getSetCookie().map((c) => {
      const pair = c.split(';')[0];
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
  return cookies;
}

/** Runs `setup(server)` and stops the server if it throws, attaching its output to the error. */
async function withServer(server, setup) {
  try {
    return await setup();
  } catch (error) {
    await server.stop();
    throw withOutput(error, server);
  }
}

export async function startBareNode() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startServer({
    name: 'bare node:http',
    args: [here('../servers/bare-node.mjs'), String(port)],
    env: CHILD_ENV,
    readyUrl: url,
  });
  return {
    url,
    headers: {},
    expect: (json) => (json?.user?.id ? null : `unexpected body ${JSON.stringify(json)}`),
    server,
    stop: () => server.stop(),
  };
}

export async function startBetterAuth() {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const base = `http://127.0.0.1:${port}/api/auth`;
  const server = await startServer({
    name: 'better-auth',
    args: [here('../servers/better-auth.mjs'), String(port)],
    env: { ...CHILD_ENV, BETTER_AUTH_SECRET: secret() },
    readyUrl: `${base}/ok`,
  });
  return withServer(server, async () => {
    const email = 'bench-better-auth@example.com';
    const cookies = await postJson(`${base}/sign-up/email`, origin, {
      email,
      password: PASSWORD,
      name: 'Bench User',
    });
    if (!cookies.has('better-auth.session_token')) {
      throw new Error(`sign-up set no session cookie (got: ${[...cookies.keys()].join(', ')})`);
    }
    return {
      url: `${base}/get-session`,
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      expect: hasUser(email),
      server,
      stop: () => server.stop(),
    };
  });
}

/** Our standalone server (`catalyst serve`) on embedded PGlite or on a throwaway PostgreSQL. */
export async function startOurs(database) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'catalyst-bench-data-'));
  const dropDataDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  let postgres;
  let server;
  const stop = async () => {
    await server?.stop();
    postgres?.stop();
    dropDataDir();
  };
  try {
    if (database === 'postgres') postgres = await startPostgres();
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const base = `http://127.0.0.1:${port}/api/auth`;
    server = await startServer({
      name: `catalyst serve (${database})`,
      args: [CLI, 'serve', '--port', String(port)],
      env: {
        ...CHILD_ENV,
        CATALYST_SECRET: secret(),
        CATALYST_BASE_URL: origin,
        CATALYST_DATA_DIR: dataDir,
        DATABASE_URL: postgres?.url ?? '',
        // The 300 s default would expire the token mid-run.
        CATALYST_ACCESS_TOKEN_TTL: '3600',
      },
      readyUrl: `${base}/health`,
    });
    const email = `bench-${database}@example.com`;
    const cookies = await withServer(server, () =>
      postJson(`${base}/sign-up`, origin, { email, password: PASSWORD, name: 'Bench User' }),
    );
    const access = cookies.get('catalyst_access');
    if (!access) {
      throw withOutput(
        new Error(`sign-up set no catalyst_access cookie (got: ${[...cookies.keys()].join(', ')})`),
        server,
      );
    }
    return {
      url: `${base}/session`,
      headers: { cookie: `catalyst_access=${access}` },
      expect: hasUser(email),
      server,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One request that must answer 200 with a signed-in body; throws with the reason otherwise. */
export async function checkSignedIn(target, when) {
  const res = await fetch(target.url, {
    headers: target.headers,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const problem =
    res.status !== 200 ? `status ${res.status}: ${text.slice(0, 300)}` : target.expect(json);
  if (problem) throw withOutput(new Error(`${when}: not signed in (${problem})`), target.server);
}
