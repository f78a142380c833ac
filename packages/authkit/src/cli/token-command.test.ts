import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '../edge/verify-access-token.js';
import { runCli } from './run-cli.js';
import { capture, startTestServer, type SignedIn, type TestServer } from './test-server.js';
import { tokenEndpoint } from './token-command.js';

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

describe('tokenEndpoint', () => {
  it('adds the default base path to an origin and /token to a base path', () => {
    expect(tokenEndpoint('http://localhost:3000').href).toBe(
      'http://localhost:3000/api/auth/token',
    );
    expect(tokenEndpoint('https://id.example.com/auth/').href).toBe(
      'https://id.example.com/auth/token',
    );
    expect(() => tokenEndpoint('file:///etc/passwd')).toThrow(/http/);
  });
});

describe('catalyst token (against a real server)', () => {
  let server: TestServer;
  let user: SignedIn;
  let key: { id: string; secret: string };

  beforeAll(async () => {
    server = await startTestServer();
    user = await server.signUp();
    const created = await user.call('/me/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cli' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    key = (await created.json()) as { id: string; secret: string };
    expect(key.secret).toMatch(/^ck_/);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('prints only the access token; its sub is the key owner and it verifies via JWKS', async () => {
    const c = capture({ CATALYST_API_KEY: key.secret, CATALYST_BASE_URL: server.origin });
    expect(await runCli(['token'], c.io), c.errors.join('\n')).toBe(0);
    expect(c.errors).toEqual([]);
    expect(c.lines).toHaveLength(1);
    const token = c.lines[0]!;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = await verifyAccessToken(token, {
      jwks: `${server.url}/.well-known/jwks.json`,
      issuer: server.url,
      audience: 'catalyst',
    });
    expect(claims.sub).toBe(user.userId);
    expect(decodeJwt(token)).toMatchObject({ client_id: key.id, amr: ['key'] });
    // The token never contains the key.
    expect(token).not.toContain(key.secret);
  });

  it('takes --key and --url instead of the environment', async () => {
    const c = capture({});
    expect(await runCli(['token', '--key', key.secret, '--url', server.origin], c.io)).toBe(0);
    expect(decodeJwt(c.lines[0]!).sub).toBe(user.userId);
  });

  it('fails with the server error and reason on stderr, exit 1, nothing on stdout', async () => {
    const c = capture({
      CATALYST_API_KEY: 'ck_test_not-a-real-key',
      CATALYST_BASE_URL: server.origin,
    });
    expect(await runCli(['token'], c.io)).toBe(1);
    expect(c.lines).toEqual([]);
    expect(c.errors.join('\n')).toMatch(/^token: invalid_grant/);
    expect(c.errors.join('\n')).not.toContain('ck_test_not-a-real-key');
  });

  it('refuses a revoked key', async () => {
    const created = await user.call('/me/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'to-revoke' }),
    });
    const revocable = (await created.json()) as { id: string; secret: string };
    const env = { CATALYST_API_KEY: revocable.secret, CATALYST_BASE_URL: server.origin };
    expect(await runCli(['token'], capture(env).io)).toBe(0);
    expect((await user.call(`/me/keys/${revocable.id}`, { method: 'DELETE' })).status).toBe(204);
    const c = capture(env);
    expect(await runCli(['token'], c.io)).toBe(1);
    expect(c.errors.join('\n')).toMatch(/invalid_grant \(revoked\)/);
  });

  it('exits 2 without a key or a server, and 1 when the server cannot be reached', async () => {
    const noKey = capture({ CATALYST_BASE_URL: server.origin });
    expect(await runCli(['token'], noKey.io)).toBe(2);
    expect(noKey.errors.join('\n')).toMatch(/CATALYST_API_KEY/);
    const noServer = capture({ CATALYST_API_KEY: key.secret });
    expect(await runCli(['token'], noServer.io)).toBe(2);
    expect(noServer.errors.join('\n')).toMatch(/CATALYST_BASE_URL/);
    const down = capture({ CATALYST_API_KEY: key.secret, CATALYST_BASE_URL: 'http://127.0.0.1:1' });
    expect(await runCli(['token'], down.io)).toBe(1);
    expect(down.errors.join('\n')).toMatch(/cannot reach http:\/\/127\.0\.0\.1:1/);
  });

  it('the built binary prints the token alone, for $(catalyst token)', async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm build\` before the tests`);
    // Asynchronous: the server answering it lives in this process.
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = execFile(
          process.execPath,
          [BIN, 'token'],
          {
            env: { ...process.env, CATALYST_API_KEY: key.secret, CATALYST_BASE_URL: server.origin },
            timeout: 30_000,
          },
          (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
        );
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decodeJwt(result.stdout.trim()).sub).toBe(user.userId);
  });
});
