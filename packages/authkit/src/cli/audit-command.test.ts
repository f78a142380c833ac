import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../../test/drivers.js';
import { openStore } from '../adapters/store/open-store.js';
import { deriveAuditKey } from '../domain/audit-chain.js';
import { newId } from '../domain/ids.js';
import type { AuditEventRecord, StorePort } from '../ports/store.js';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const SECRET = 'cli-audit-secret-0123456789abcdef0123456789';

function capture(env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CliIo = { env, out: (l) => lines.push(l), err: (l) => errors.push(l) };
  return { io, lines, errors };
}

// PostgreSQL via DATABASE_URL, like the other CLI tests: the CLI opens its own connection.
describe('catalyst audit verify', () => {
  let databaseUrl: string;
  let store: StorePort;
  let orgId: string;
  let rows: AuditEventRecord[];
  beforeAll(async () => {
    databaseUrl = (await freshDatabaseUrl('postgres'))!;
    store = await openStore({ databaseUrl, auditKey: await deriveAuditKey(SECRET) });
    orgId = newId('org');
    rows = [];
    for (let i = 0; i < 3; i++)
      rows.push(
        await store.audit.append(
          { action: 'org.updated', actorType: 'system', orgId, data: { i } },
          new Date(),
        ),
      );
    await store.audit.append({ action: 'system.tick', actorType: 'system' }, new Date());
  });
  afterAll(() => store?.close());

  const verify = async (args: string[] = [], secret = SECRET) => {
    const run = capture({ DATABASE_URL: databaseUrl, CATALYST_SECRET: secret });
    const code = await runCli(['audit', 'verify', ...args], run.io);
    return { code, ...run };
  };

  /** Edits a row as the owner can: the trigger off, one UPDATE, the trigger back on. */
  async function behindTrigger(statement: string, values: unknown[]) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('alter table audit_events disable trigger audit_events_append_only');
      await client.query(statement, values);
      await client.query('alter table audit_events enable trigger audit_events_append_only');
    } finally {
      await client.end();
    }
  }

  it('prints ok per chain and exits 0 when every chain is intact', async () => {
    const { code, lines } = await verify();
    expect(code).toBe(0);
    expect(lines).toEqual(['ok platform 1 events', `ok ${orgId} 3 events`]);
    const one = await verify(['--org', orgId]);
    expect(one.lines).toEqual([`ok ${orgId} 3 events`]);
    expect((await verify(['--org', 'platform'])).lines).toEqual(['ok platform 1 events']);
  });

  it('names the tampered row and exits 1', async () => {
    const victim = rows[1]!;
    await behindTrigger('update audit_events set data = $1 where seq = $2', [
      JSON.stringify({ i: 42 }),
      victim.seq,
    ]);
    try {
      const { code, lines } = await verify();
      expect(code).toBe(1);
      expect(lines).toContain('ok platform 1 events');
      expect(lines).toContain(
        `TAMPERED ${orgId} at seq ${victim.seq} (id ${victim.id}): edited — its fields no longer match its hash`,
      );
    } finally {
      await behindTrigger('update audit_events set data = $1 where seq = $2', [
        JSON.stringify(victim.data),
        victim.seq,
      ]);
    }
    expect((await verify()).code).toBe(0);
  });

  it('finds every row forged under another secret, and refuses an unknown subcommand', async () => {
    const wrong = await verify([], 'another-secret-entirely-0123456789abcdef');
    expect(wrong.code).toBe(1);
    expect(wrong.lines.every((l) => l.startsWith('TAMPERED '))).toBe(true);
    const usage = capture({ DATABASE_URL: databaseUrl, CATALYST_SECRET: SECRET });
    expect(await runCli(['audit', 'check'], usage.io)).toBe(2);
    expect(usage.errors[0]).toMatch(/usage: catalyst audit verify/);
  });
});
