/* global Request, performance, setTimeout, clearTimeout, Buffer */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createAuthkit } from '@catalyst/authkit/server';
import { onCleanup } from './support/processes.mjs';
import { startPostgres } from './support/postgres.mjs';

// node-postgres as @catalyst/authkit resolves it, for the hand-written SQL baseline.
const require = createRequire(import.meta.resolve('@catalyst/authkit/server'));
const { Pool } = require('pg');
const BIN = fileURLToPath(
  new URL('../cli/index.js', import.meta.resolve('@catalyst/authkit/server')),
);

const QUICK = process.env.BENCH_QUICK === '1';
const EVENTS = QUICK ? 300 : 2000;
const LATENCY_SECONDS = QUICK ? 2 : 6;
const LATENCY_RATE = 40; // events per second
const WRITES = QUICK ? 200 : 2000;
const BASE_URL = 'http://localhost:3000';
const API = `${BASE_URL}/api/auth`;
const CONNECTION = { ip: '127.0.0.1' };
const SECRET = randomBytes(32).toString('base64url');

/**
 * Webhook delivery on PostgreSQL (issue 10): deliveries per second with one and two
 * `catalyst worker` processes next to a bare POST loop to the same receiver (the ceiling);
 * event-to-delivery latency with one worker; and what the outbox adds to a membership change,
 * as the same statements sent by hand with and without the outbox insert.
 */
export async function webhooksBench() {
  const postgres = await startPostgres();
  const receiver = await startReceiver();
  const auth = createAuthkit({
    databaseUrl: postgres.url,
    secret: SECRET,
    baseUrl: BASE_URL,
    webhookAllowedNetworks: ['127.0.0.1/32'],
    webhookWorker: false,
    accessTokenTtlSeconds: 3600,
  });
  const pool = new Pool({ connectionString: postgres.url, max: 4 });
  pool.on('error', () => undefined);
  try {
    await auth.api.ready();
    const { cookie, userId } = await signUp(auth);
    const org = await call(auth, cookie, 'POST', '/orgs', { name: 'Bench', slug: 'bench-hooks' });
    await call(auth, cookie, 'POST', `/orgs/${org.id}/webhooks`, {
      url: receiver.url,
      events: ['membership.*'],
    });
    const store = await auth.api.store();
    const emit = (n) =>
      store.outbox.append(
        {
          type: 'membership.added',
          orgId: org.id,
          subject: `usr_${n % 50}`,
          data: { n, t0: Date.now() },
        },
        new Date(),
      );

    const bare = await barePosts(receiver);
    const one = await throughput(1, postgres.url, receiver, store, emit);
    const two = await throughput(2, postgres.url, receiver, store, emit);
    const latency = await eventLatency(postgres.url, receiver, emit);
    const writes = await outboxCost(pool, org.id, userId);

    return {
      title: `webhooks: delivery and the outbox on PostgreSQL (${EVENTS} events)`,
      tables: [
        {
          caption: 'Deliveries per second to a local receiver',
          rows: [
            { target: 'bare POST loop, 20 in flight (ceiling)', 'per s': Math.round(bare) },
            { target: 'catalyst worker ×1', 'per s': Math.round(one) },
            { target: 'catalyst worker ×2', 'per s': Math.round(two) },
          ],
        },
        {
          caption: `Event-to-delivery latency, one worker, ${LATENCY_RATE} events/s`,
          rows: [{ p50: `${latency.p50} ms`, p99: `${latency.p99} ms`, events: latency.n }],
        },
        {
          caption: 'A membership role change: UPDATE + audit row, with and without the outbox',
          rows: writes.rows,
        },
      ],
      summary: [
        `two workers deliver ${(two / one).toFixed(2)}× what one does; one worker reaches ${((one / bare) * 100).toFixed(0)}% of a bare POST loop`,
        `the outbox insert (with fan-out to one endpoint) makes the change ${writes.ratio.toFixed(2)}× as slow (p50 ${writes.withOutbox} vs ${writes.without} ms)`,
      ],
    };
  } finally {
    await pool.end().catch(() => undefined);
    await auth.api.close().catch(() => undefined);
    await receiver.close();
    postgres.stop();
  }
}

function startWorkers(count, databaseUrl) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CATALYST_SECRET: SECRET,
    CATALYST_BASE_URL: BASE_URL,
    CATALYST_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
  };
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [BIN, 'worker'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const forget = onCleanup(() => child.exitCode === null && child.kill('SIGKILL'));
      return new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          if (out.includes('delivering webhooks')) resolve({ stop: () => stop(child, forget) });
        });
        child.stderr.on('data', (c) => (out += c));
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${out}`)));
      });
    }),
  );
}

function stop(child, forget) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => {
      forget();
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Workers start idle; the events land in one transaction; the clock runs until all arrived. */
async function throughput(count, databaseUrl, receiver, store, emit) {
  const workers = await startWorkers(count, databaseUrl);
  try {
    receiver.reset();
    const started = performance.now();
    await store.transaction(async () => {
      for (let n = 0; n < EVENTS; n += 1) await emit(n);
    });
    await receiver.waitFor(EVENTS);
    return EVENTS / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

async function eventLatency(databaseUrl, receiver, emit) {
  const [worker] = await startWorkers(1, databaseUrl);
  try {
    receiver.reset();
    const total = LATENCY_SECONDS * LATENCY_RATE;
    for (let n = 0; n < total; n += 1) {
      await emit(n);
      await new Promise((r) => setTimeout(r, 1000 / LATENCY_RATE));
    }
    await receiver.waitFor(total);
    const sorted = [...receiver.latencies].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { p50: at(0.5), p99: at(0.99), n: sorted.length };
  } finally {
    await worker.stop();
  }
}

/** The ceiling: the same receiver, POSTed to directly with 20 requests in flight. */
async function barePosts(receiver) {
  receiver.reset();
  const started = performance.now();
  let next = 0;
  const body = JSON.stringify({ type: 'membership.added', data: { n: 0 } });
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < EVENTS) {
        next += 1;
        await post(receiver.url, body);
      }
    }),
  );
  return EVENTS / ((performance.now() - started) / 1000);
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The statements a role change commits, by hand: the membership UPDATE and an audit row, then the
 * same plus our outbox insert with its fan-out (the statement in outbox-repository.ts). Blocks of
 * 20 alternate so machine noise hits both alike.
 */
async function outboxCost(pool, orgId, userId) {
  const change = async (withOutbox) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `update memberships set roles = $1, updated_at = now() where org_id = $2 and user_id = $3`,
        [JSON.stringify(['owner']), orgId, userId],
      );
      await client.query(
        `insert into audit_events (id, action, actor_type, actor_id, org_id, data, prev_hash, hash)
         values ($1, 'membership.updated', 'user', $2, $3, '{}', $4, $4)`,
        [`evt_${randomBytes(8).toString('hex')}`, userId, orgId, '0'.repeat(64)],
      );
      if (withOutbox) {
        await client.query(
          `with ev as (
             insert into outbox_events (id, type, org_id, subject, data, occurred_at)
             values ($1, 'membership.updated', $2, $3, $4::jsonb, now())
             returning id, type, org_id, subject)
           insert into webhook_deliveries
             (id, webhook_id, org_id, event_id, event_type, subject, next_attempt_at, created_at)
           select 'dlv_' || md5(ev.id || ':' || w.id), w.id, ev.org_id, ev.id, ev.type, ev.subject, now(), now()
           from ev join webhooks w on w.enabled and (w.org_id is null or w.org_id = ev.org_id)
           where w.events ?| array['membership.updated', 'membership.*', '*']::text[]`,
          [
            `evt_${randomBytes(8).toString('hex')}`,
            orgId,
            userId,
            JSON.stringify({ orgId, userId }),
          ],
        );
      }
      await client.query('commit');
    } finally {
      client.release();
    }
  };
  const times = { with: [], without: [] };
  for (let i = 0; i < WRITES; i += 20) {
    for (const mode of ['without', 'with']) {
      for (let j = 0; j < 20; j += 1) {
        const started = performance.now();
        await change(mode === 'with');
        times[mode].push(performance.now() - started);
      }
    }
  }
  const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const withOutbox = p50(times.with).toFixed(2);
  const without = p50(times.without).toFixed(2);
  return {
    withOutbox,
    without,
    ratio: p50(times.with) / p50(times.without),
    rows: [
      { target: 'UPDATE + audit (no outbox)', 'p50 ms': without, ops: times.without.length },
      { target: 'UPDATE + audit + outbox + fan-out', 'p50 ms': withOutbox, ops: times.with.length },
    ],
  };
}

async function startReceiver() {
  const seen = new Set();
  const latencies = [];
  let waiting = null;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const payload = JSON.parse(Buffer.concat(chunks).toString());
        const n = payload.data?.n;
        if (!seen.has(n)) {
          seen.add(n);
          if (typeof payload.data?.t0 === 'number') latencies.push(Date.now() - payload.data.t0);
        }
      } catch {
        // not ours
      }
      res.writeHead(204).end();
      if (waiting && seen.size >= waiting.n) waiting.resolve();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    latencies,
    reset() {
      seen.clear();
      latencies.length = 0;
    },
    waitFor(n) {
      if (seen.size >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${seen.size} of ${n} arrived`)),
          120_000,
        );
        waiting = { n, resolve: () => (clearTimeout(timer), resolve()) };
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function call(auth, cookie, method, path, body) {
  const res = await auth.handler(
    new Request(`${API}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: BASE_URL, cookie },
      body: JSON.stringify(body),
    }),
    CONNECTION,
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function signUp(auth) {
  const res = await auth.handler(
    new Request(`${API}/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE_URL },
      body: JSON.stringify({
        email: 'bench-hooks@example.com',
        password: 'correct horse battery 42',
      }),
    }),
    CONNECTION,
  );
  const json = await res.json();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, userId: json.user.id };
}
