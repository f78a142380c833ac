import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuthkit } from '../server/create-authkit.js';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'catalyst-users-'));
const env = {
  CATALYST_DATA_DIR: join(dir, 'db'),
  CATALYST_SECRET: 'cli-users-secret-0123456789abcdef0123456789',
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], extra: Record<string, string> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CliIo = {
    env: { ...env, ...extra },
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
  };
  const code = await runCli(['users', ...args], io);
  return { code, lines, errors };
}

describe('catalyst users', () => {
  it('creates, promotes, lists and demotes accounts, and audits the role changes', async () => {
    expect((await run(['list'])).lines).toEqual(['no users yet']);
    const missing = await run(['create', 'ops@example.com']);
    expect(missing.code).toBe(2);
    expect(missing.errors.join()).toMatch(/CATALYST_USER_PASSWORD/);
    const created = await run(['create', 'Ops@Example.com'], {
      CATALYST_USER_PASSWORD: 'correct horse battery staple',
    });
    expect(created.code).toBe(0);
    expect(created.lines[0]).toMatch(/^created usr_\S+ ops@example\.com$/);

    expect((await run(['promote', 'ops@example.com'])).lines).toEqual([
      'ops@example.com: platform roles admin',
    ]);
    expect((await run(['promote', 'ops@example.com', '--role', 'support'])).code).toBe(0);
    const bad = await run(['promote', 'ops@example.com', '--role', 'root']);
    expect(bad.code).toBe(1);
    expect(bad.errors.join()).toMatch(/unknown platform role "root"/);
    expect((await run(['promote', 'nobody@example.com'])).code).toBe(1);
    expect((await run(['list'])).lines).toEqual([
      expect.stringMatching(/ops@example\.com {2}support$/),
    ]);
    expect((await run(['demote', 'ops@example.com'])).lines).toEqual([
      'ops@example.com: platform roles none',
    ]);

    // The changes are in the audit log as the system actor, with before and after.
    const authkit = createAuthkit({ dataDir: env.CATALYST_DATA_DIR, secret: env.CATALYST_SECRET });
    try {
      const store = await authkit.api.store();
      const events = await store.audit.list({ limit: 20 });
      const changes = events.filter((e) => e.action === 'user.platform_roles_changed');
      expect(changes.map((e) => e.data)).toEqual([
        { from: ['support'], to: [] },
        { from: ['admin'], to: ['support'] },
        { from: [], to: ['admin'] },
      ]);
      expect(changes.every((e) => e.actorType === 'system')).toBe(true);
    } finally {
      await authkit.api.close();
    }
  });

  it('bans and unbans an account from the command line (system actor)', async () => {
    await run(['create', 'banned-cli@example.com'], {
      CATALYST_USER_PASSWORD: 'correct horse battery staple',
    });
    const banned = await run(['ban', 'banned-cli@example.com', '--reason', 'abuse']);
    expect(banned.lines).toEqual(['banned-cli@example.com: banned; sessions ended']);
    const bad = await run(['ban', 'banned-cli@example.com', '--until', 'tomorrow']);
    expect(bad.code).toBe(2);
    const authkit = createAuthkit({ dataDir: env.CATALYST_DATA_DIR, secret: env.CATALYST_SECRET });
    try {
      const refused = await authkit.handler(
        new Request('http://localhost:3000/api/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
          body: JSON.stringify({
            email: 'banned-cli@example.com',
            password: 'correct horse battery staple',
          }),
        }),
      );
      expect(((await refused.json()) as { code: string }).code).toBe('user_banned');
    } finally {
      await authkit.api.close();
    }
    expect((await run(['unban', 'banned-cli@example.com'])).lines).toEqual([
      'banned-cli@example.com: ban lifted',
    ]);
  });

  it('prints usage for a missing target', async () => {
    const result = await run(['promote']);
    expect(result.code).toBe(2);
    expect(result.errors.join()).toMatch(/usage: catalyst users/);
  });
});
