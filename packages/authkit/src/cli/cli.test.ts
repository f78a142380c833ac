import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../adapters/store/open-store.js';
import { verifyAccessToken } from '../edge/verify-access-token.js';
import { freshDatabaseUrl } from '../../test/drivers.js';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

function capture(
  env: Record<string, string | undefined>,
): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, env, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

const dirs: string[] = [];
const tempDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-cli-'));
  dirs.push(dir);
  return join(dir, 'db');
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('catalyst CLI commands', () => {
  it('migrates the embedded database once, then reports it up to date', async () => {
    const io = capture({ CATALYST_DATA_DIR: tempDataDir() });
    expect(await runCli(['migrate'], io)).toBe(0);
    expect(await runCli(['migrate'], io)).toBe(0);
    expect(io.lines[0]).toMatch(/applied 0000_init(, \S+)* on embedded PGlite/);
    expect(io.lines[1]).toMatch(/up to date/);
  });

  it('migrates, rotates keys and passes doctor on PostgreSQL via DATABASE_URL', async () => {
    const io = capture({
      DATABASE_URL: await freshDatabaseUrl('postgres'),
      CATALYST_SECRET: 's'.repeat(40),
    });
    expect(await runCli(['migrate'], io)).toBe(0);
    expect(await runCli(['keys', 'rotate'], io)).toBe(0);
    expect(await runCli(['doctor'], io)).toBe(0);
    expect(io.lines.join('\n')).toMatch(/applied 0000_init(, \S+)* on PostgreSQL/);
    expect(io.lines.join('\n')).toMatch(/new signing key \S+ signs from/);
    expect(io.lines.join('\n')).toMatch(/leaves JWKS at/);
    expect(io.lines.join('\n')).toMatch(/ok {3}database answers: PostgreSQL/);
  });

  it('keys list shows each key state and keys prune removes retired ones', async () => {
    // PostgreSQL: a file-backed PGlite takes ~20 s to initialise; the store test covers both drivers.
    const databaseUrl = await freshDatabaseUrl('postgres');
    const io = capture({ DATABASE_URL: databaseUrl, CATALYST_SECRET: 's'.repeat(40) });
    const store = await openStore({ databaseUrl });
    try {
      const run = async (...argv: string[]) => {
        io.lines.length = 0;
        expect(await runCli(argv, io), io.errors.join('\n')).toBe(0);
        return io.lines;
      };
      // One state per kid, read back from the table rows (header first).
      const states = async () => {
        const [header, ...rows] = await run('keys', 'list');
        expect(header).toMatch(/^KID\s+ALG\s+STATE\s+ACTIVATES\s+RETIRES$/);
        return Object.fromEntries(rows.map((r) => r.split(/\s+/)).map((c) => [c[0], c[2]]));
      };

      await run('keys', 'rotate');
      const scheduled = /new signing key (\S+)/.exec(io.lines.join('\n'))?.[1] ?? '';
      const first = /key (\S+) leaves JWKS/.exec(io.lines.join('\n'))?.[1] ?? '';
      expect(await states()).toEqual({ [first]: 'active', [scheduled]: 'pending' });
      expect((await run('keys', 'list'))[1]).toMatch(
        new RegExp(`^${first}\\s+EdDSA\\s+active\\s+\\S+Z\\s+\\S+Z$`),
      );

      await run('keys', 'rotate', '--immediate');
      const current = /new signing key (\S+)/.exec(io.lines.join('\n'))?.[1] ?? '';
      expect(await states()).toEqual({
        [first]: 'retiring',
        [scheduled]: 'retiring',
        [current]: 'active',
      });
      expect(await run('keys', 'prune')).toEqual(['no retired signing keys to remove']);

      // Let the first key's overlap pass (the CLI reads the real clock, so move the row instead).
      await store.signingKeys.setRetiresAt(first, new Date(Date.now() - 1_000));
      expect(await states()).toEqual({
        [first]: 'retired',
        [scheduled]: 'retiring',
        [current]: 'active',
      });
      expect(await run('keys', 'prune')).toEqual([`removed retired signing key ${first}`]);
      expect(await states()).toEqual({ [scheduled]: 'retiring', [current]: 'active' });
    } finally {
      await store.close();
    }
  });

  it('doctor fails, naming the key, on bad config or an unreachable database', async () => {
    const bad = capture({ DATABASE_URL: 'mysql://nope' });
    expect(await runCli(['doctor'], bad)).toBe(1);
    expect(bad.errors.join('\n')).toMatch(/DATABASE_URL/);
    const down = capture({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await runCli(['doctor'], down)).toBe(1);
    expect(down.errors.join('\n')).toMatch(/fail database \(DATABASE_URL\)/);
  });

  it('rejects unknown commands with usage and exit code 2', async () => {
    const io = capture({});
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/usage: catalyst/);
  });
});

describe('catalyst serve (built binary) over HTTP', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('mints a token that jose.createRemoteJWKSet verifies via the discovery document', async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm build\` before the tests`);
    child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: {
        ...process.env,
        CATALYST_DATA_DIR: tempDataDir(),
        DATABASE_URL: '',
        CATALYST_BASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 45_000);
      child!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child!.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });

    const discovery = await (await fetch(`${base}/.well-known/openid-configuration`)).json();
    const signUp = await fetch(`${base}/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(base).origin },
      body: JSON.stringify({ email: 'remote@example.com', password: 'correct horse battery' }),
    });
    expect(signUp.status).toBe(201);
    const user = (await signUp.json()).user;
    const access = signUp.headers.getSetCookie().find((c) => c.startsWith('catalyst_access='))!;
    const token = access.slice('catalyst_access='.length).split(';')[0]!;

    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: discovery.issuer,
      audience: 'catalyst',
    });
    expect(payload.sub).toBe(user.id);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });

    const claims = await verifyAccessToken(token, {
      jwks: discovery.jwks_uri,
      issuer: discovery.issuer,
      audience: 'catalyst',
    });
    expect(claims.sub).toBe(user.id);
    const session = await (
      await fetch(`${base}/session`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(session.user.id).toBe(claims.sub);
  });
});
