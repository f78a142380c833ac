import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { readmeFiles } from './readme-files.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'catalyst-install-'));
const stops: Array<() => void> = [];
afterAll(() => {
  for (const stop of stops) stop();
  rmSync(work, { recursive: true, force: true });
});

const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });

function version(pkg: string): string {
  const json = JSON.parse(
    readFileSync(join(repo, 'examples/next-app/node_modules', pkg, 'package.json'), 'utf8'),
  );
  return json.version as string;
}

describe('installing the packed packages into a fresh Next.js 16 app', () => {
  it('builds, starts, and signs a user in over HTTP with only the five README files (proxy.ts, then middleware.ts)', async () => {
    // 1. Pack what we would publish (any file missing from `files` is missing here too).
    const tarballs: Record<string, string> = {};
    for (const name of ['authkit', 'react', 'next']) {
      const out = run('pnpm', ['pack', '--pack-destination', work], join(repo, 'packages', name));
      tarballs[`@catalyst/${name}`] = `file:${out.trim().split('\n').pop()!.trim()}`;
    }

    // 2. A fresh app, as create-next-app leaves it.
    const app = join(work, 'app');
    mkdirSync(join(app, 'app'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify(
        {
          name: 'fresh-next-app',
          private: true,
          scripts: { build: 'next build', start: 'next start' },
          dependencies: {
            next: version('next'),
            react: version('react'),
            'react-dom': version('react-dom'),
            ...tarballs,
          },
          devDependencies: {
            typescript: '~5.9.3',
            '@types/react': '^19.0.0',
            '@types/node': '^20.19.0',
          },
          // Our packages depend on each other by version; point those at the tarballs too.
          pnpm: { overrides: tarballs },
        },
        null,
        2,
      ),
    );
    writeFileSync(
      join(app, 'next.config.ts'),
      "import type { NextConfig } from 'next';\nexport default {} satisfies NextConfig;\n",
    );
    writeFileSync(
      join(app, 'app/page.tsx'),
      'export default function Home() {\n  return <h1>Home</h1>;\n}\n',
    );

    // 3. The five files, exactly as the README shows them.
    const files = readmeFiles(join(repo, 'README.md'));
    expect([...files.keys()].sort()).toEqual([
      'app/api/auth/[...catalyst]/route.ts',
      'app/layout.tsx',
      'app/sign-in/page.tsx',
      'instrumentation.ts',
      'proxy.ts',
    ]);
    for (const [path, code] of files) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), code);
    }

    run('pnpm', ['install', '--no-frozen-lockfile'], app);
    run('pnpm', ['exec', 'next', 'build'], app);

    // 4. Start it and sign in like a browser would.
    await startAndSignIn(app, 'first@example.com');

    // 5. The same guards in a legacy middleware.ts (Next's Edge runtime): they use Web APIs only.
    const proxyCode = files.get('proxy.ts')!;
    rmSync(join(app, 'proxy.ts'));
    writeFileSync(
      join(app, 'middleware.ts'),
      proxyCode.replace('export function proxy(', 'export function middleware('),
    );
    run('pnpm', ['exec', 'next', 'build'], app);
    await startAndSignIn(app, 'second@example.com');
  });
});

/** Starts the built app, then checks the guard and a sign-in over HTTP; returns the server log. */
async function startAndSignIn(app: string, email: string): Promise<string> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn('pnpm', ['exec', 'next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      CATALYST_SECRET: randomBytes(32).toString('base64'),
      CATALYST_BASE_URL: url,
      CATALYST_DATA_DIR: join(mkdtempSync(join(work, 'data-')), 'db'),
      DATABASE_URL: '',
    },
  });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c));
  child.stderr!.on('data', (c: Buffer) => (log += c));
  stops.push(() => child.pid && process.kill(-child.pid, 'SIGTERM'));
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/api/auth/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 240) throw new Error(`next start never became healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  const home = await fetch(`${url}/`, { redirect: 'manual' });
  expect(home.status).toBe(307);
  expect(new URL(home.headers.get('location')!, url).pathname).toBe('/sign-in');

  const page = await fetch(`${url}/sign-in`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('data-catalyst="sign-in"');

  const json = { 'content-type': 'application/json', origin: url };
  const credentials = JSON.stringify({
    email,
    password: 'correct horse battery staple',
  });
  // A forged X-Forwarded-For must not become the session's address (instrumentation.ts).
  const signUp = await fetch(`${url}/api/auth/sign-up`, {
    method: 'POST',
    headers: { ...json, 'x-forwarded-for': '6.6.6.6' },
    body: credentials,
  });
  expect(signUp.status).toBe(201);
  expect(((await signUp.json()) as { session: { ip: string } }).session.ip).toBe('127.0.0.1');
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: credentials,
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const signedIn = await fetch(`${url}/`, { headers: { cookie }, redirect: 'manual' });
  expect(signedIn.status, log).toBe(200);
  expect(await signedIn.text()).toContain('<h1>Home</h1>');
  const session = await (await fetch(`${url}/api/auth/session`, { headers: { cookie } })).json();
  expect(session.user.email).toBe(email);
  expect(log).not.toMatch(/\berror\b/i);
  return log;
}
