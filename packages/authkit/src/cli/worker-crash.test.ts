import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../../test/drivers.js';
import { startReceiver } from '../../test/webhook-receiver.js';
import { member, ok, orgOf } from '../../test/tenancy-fixtures.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const EVENTS = 2000;
const SECRET = 'crash-test-root-secret-0123456789abcdef';

/**
 * At-least-once under fire (issue 10): two `catalyst worker` processes on PostgreSQL are killed
 * with SIGKILL again and again while 2,000 events are delivered; the receiver goes down for a
 * while in the middle. Every event must arrive, duplicates must repeat their `webhook-id`, and
 * every delivery must end delivered (none dead, none stuck).
 */
describe('catalyst worker under SIGKILL (PostgreSQL, two workers)', () => {
  const workers = new Set<ChildProcess>();
  let t: TestInstance | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await t?.close();
    await receiver?.close();
  });

  it(
    'delivers every event at least once, with stable webhook-ids',
    { timeout: 180_000 },
    async () => {
      if (!existsSync(BIN))
        throw new Error(`${BIN} is missing: run \`pnpm build\` before the tests`);
      const databaseUrl = (await freshDatabaseUrl('postgres'))!;
      receiver = await startReceiver();
      const env = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        CATALYST_SECRET: SECRET,
        CATALYST_BASE_URL: 'http://localhost:3999',
        CATALYST_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
        // A killed worker's claims come back after 2 s; retries are quick so the test is short.
        CATALYST_WEBHOOK_LEASE_SECONDS: '2',
        CATALYST_WEBHOOK_RETRY_SCHEDULE: '0,200,500,1000,1000,1000,1000,1000,1000,1000',
      };
      t = await createTestInstance({
        databaseUrl,
        secret: SECRET,
        webhookAllowedNetworks: ['127.0.0.1/32'],
        webhookWorker: false,
      });
      const owner = await member(t, 'crash');
      const orgId = (await orgOf(owner, 'Crash')).id;
      const created = ok(
        await owner.client.webhooks
          .org(orgId)
          .create({ url: receiver.url, events: ['membership.*'] }),
      );
      receiver.secrets.push(created.secret);
      const store = await t.authkit.api.store();

      // Resolves once the worker says it is delivering (or has died).
      const spawnWorker = () => {
        const child = spawn(process.execPath, [BIN, 'worker'], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        workers.add(child);
        child.once('exit', () => workers.delete(child));
        return new Promise<void>((resolve) => {
          child.stdout!.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('delivering webhooks')) resolve();
          });
          child.once('exit', () => resolve());
        });
      };
      await Promise.all([spawnWorker(), spawnWorker()]);

      // 2,000 events over about ten seconds, in small transactions, so the kills land while
      // deliveries are in flight.
      const producing = (async () => {
        for (let i = 0; i < EVENTS; i += 25) {
          await store.transaction(async (tx) => {
            for (let j = i; j < i + 25; j += 1) {
              await tx.outbox.append(
                { type: 'membership.added', orgId, subject: `usr_${j % 37}`, data: { n: j } },
                new Date(),
              );
            }
          });
          await new Promise((r) => setTimeout(r, 120));
        }
      })();

      const unique = () => new Set(receiver!.received.map((r) => r.payload.data['n'])).size;
      let kills = 0;
      let downDone = false;
      const deadline = Date.now() + 150_000;
      let done = false;
      void producing.then(() => (done = true));
      // A receiver that takes a moment per request keeps deliveries in flight when a kill lands.
      receiver.answerWith(() => ({ status: 200, delayMs: 20 }));
      while ((!done || unique() < EVENTS) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 700 + Math.random() * 600));
        // Kill the older worker mid-flight (the other keeps going) and start a new one.
        [...workers][0]?.kill('SIGKILL');
        kills += 1;
        void spawnWorker();
        if (!downDone && unique() > EVENTS / 3) {
          // The receiver is down for two seconds: everything must still arrive afterwards.
          downDone = true;
          receiver.answerWith(() => ({ status: 503 }));
          await new Promise((r) => setTimeout(r, 2000));
          receiver.answerWith(() => ({ status: 200, delayMs: 20 }));
        }
      }
      await producing;

      const byN = new Map<unknown, Set<string>>();
      for (const r of receiver.received) {
        expect(r.verifiedBy).toBe(0);
        const ids = byN.get(r.payload.data['n']) ?? new Set();
        ids.add(r.id);
        byN.set(r.payload.data['n'], ids);
      }
      console.info(
        `crash test: ${kills} kills, ${receiver.received.length - EVENTS} duplicate deliveries`,
      );
      expect(kills).toBeGreaterThanOrEqual(5);
      expect(downDone).toBe(true);
      expect(byN.size).toBe(EVENTS);
      // Duplicates (a worker killed after sending, before recording) repeat the same webhook-id.
      for (const ids of byN.values()) expect(ids.size).toBe(1);
      // Claims of killed workers come back when their lease ends; the survivors finish them.
      const wantedRows = async () =>
        (await store.webhooks.deliveries(orgId, created.id, { limit: 5000 })).filter(
          (d) => d.eventType === 'membership.added',
        );
      let wanted = await wantedRows();
      while (
        wanted.some((d) => d.status !== 'delivered' && d.status !== 'dead') &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 500));
        wanted = await wantedRows();
      }
      expect(wanted).toHaveLength(EVENTS);
      expect(wanted.filter((d) => d.status !== 'delivered')).toEqual([]);
      expect(wanted.filter((d) => d.status === 'dead')).toEqual([]);
    },
  );
});
