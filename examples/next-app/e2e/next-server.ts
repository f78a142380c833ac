import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../test/support/free-port.js';
import { findSecret } from '../../../test/support/secret-patterns.js';

export interface RunningApp {
  url: string;
  adminPassword: string;
  stop(): Promise<void>;
}

/** `next build` (once per run) in `dir`. */
export function nextBuild(dir: string): void {
  const result = spawnSync('pnpm', ['exec', 'next', 'build'], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * `next start` on a loopback port (`port`, or a free one) with a throwaway embedded database;
 * resolves when ready. A port chosen up front lets a provider register the app's callback URL
 * before the app starts.
 */
export async function nextStart(
  dir: string,
  env: Record<string, string> = {},
  port?: number,
): Promise<RunningApp> {
  port ??= await freePort();
  const data = mkdtempSync(join(tmpdir(), 'catalyst-e2e-'));
  const adminPassword = randomBytes(12).toString('base64url');
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(
    'pnpm',
    ['exec', 'next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: dir,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        CATALYST_DATA_DIR: join(data, 'db'),
        CATALYST_SECRET: randomBytes(32).toString('base64'),
        CATALYST_BASE_URL: url,
        CATALYST_ADMIN_EMAIL: 'admin@example.com',
        CATALYST_ADMIN_PASSWORD: adminPassword,
        DATABASE_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    try {
      const res = await fetch(`${url}/api/auth/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    adminPassword,
    async stop() {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(data, { recursive: true, force: true });
      // Everything the server logged during the run must be free of secrets (passwords, tokens …).
      const clientSecret = env.CATALYST_OIDC_CLIENT_SECRET;
      const leak =
        findSecret(log) ??
        (log.includes(adminPassword) ? 'the admin password' : null) ??
        (clientSecret && log.includes(clientSecret) ? 'the OIDC client secret' : null);
      if (leak) {
        process.exitCode = 1; // a global teardown's error alone does not fail a Vitest run
        throw new Error(`next start logged a secret: ${leak}`);
      }
    },
  };
}
