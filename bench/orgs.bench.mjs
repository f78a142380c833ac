/* global Request, performance */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { createAuthkit } from '@catalyst/authkit/server';
import { startPostgres } from './support/postgres.mjs';

// node-postgres as @catalyst/authkit itself resolves it (the same copy and version its store
// uses), so the baseline needs no dependency of its own.
const require = createRequire(import.meta.resolve('@catalyst/authkit/server'));
const { Pool } = require('pg');

// BENCH_QUICK=1 shortens the run for a smoke test (numbers then mean little).
const QUICK = process.env.BENCH_QUICK === '1';
const SAMPLES = QUICK ? 200 : 2000;
const WARMUP = QUICK ? 50 : 200;
/** Requests per block; the targets take turns block by block, so machine noise hits each alike. */
const BLOCK = 10;

const SEED = { users: 4000, orgs: 10_000, membersPerOrg: 20, mine: 50 };
// The measured user's orgs: every 200th org (spread over the id space), none of them deleted.
const MINE_EVERY = SEED.orgs / SEED.mine;
const MINE_OFFSET = 37;
// Every 100th org is soft-deleted (so the status filter has rows to drop); never one of the user's.
const DELETED_EVERY = 100;

const TARGET_P95_RATIO = 2;

const BASE_URL = 'http://localhost:3000';
const API = `${BASE_URL}/api/auth`;
const PASSWORD = 'correct horse battery staple 42';
const CONNECTION = { ip: '127.0.0.1' };

/**
 * The same statement `OrgRepository.listForUser` builds (packages/authkit/src/adapters/store/
 * org-repository.ts), written by hand: every column of both tables, the inner join, the live-org
 * filter, the keyset cursor, ordered by org id. The service asks for one row more than the page.
 */
const LIST_FOR_USER = `
  select o.id, o.slug, o.name, o.status, o.owner_id, o.profile, o.settings, o.labels, o.plan,
         o.created_at, o.updated_at, o.deleted_at,
         m.org_id, m.user_id, m.roles, m.labels_delta, m.created_at, m.updated_at
    from memberships m
    inner join orgs o on o.id = m.org_id
   where m.user_id = $1 and o.status = $2
   order by o.id asc
   limit $3`;
const LIST_FOR_USER_AFTER = LIST_FOR_USER.replace(
  'and o.status = $2',
  'and o.status = $2 and o.id > $4',
);

/**
 * `GET /me/orgs` for a user in 50 of 10,000 orgs (200,000 memberships) on PostgreSQL, through the
 * in-process handler (session check, validation, query, JSON) next to the repository's query sent
 * by hand through a `pg` Pool: what a caller waits for vs the bare query.
 */
export async function orgsBench() {
  const loadBefore = loadavg()[0];
  const postgres = await startPostgres();
  let auth;
  let pool;
  try {
    pool = new Pool({ connectionString: postgres.url, max: 10 });
    pool.on('error', () => undefined);
    auth = createAuthkit({
      databaseUrl: postgres.url,
      secret: randomBytes(32).toString('base64url'),
      baseUrl: BASE_URL,
      // The 300 s default is long enough for this run; an hour leaves no doubt.
      accessTokenTtlSeconds: 3600,
    });
    await auth.api.ready();

    const seedStarted = performance.now();
    await seed(pool);
    const email = 'bench-orgs@example.com';
    const user = await signUp(auth, email);
    await addMyMemberships(pool, user.id);
    await pool.query('vacuum analyze users, orgs, memberships');
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const cookie = await signIn(auth, email);

    const { rows: mine } = await pool.query(
      `select o.id from memberships m join orgs o on o.id = m.org_id
        where m.user_id = $1 and o.status = 'active' order by o.id`,
      [user.id],
    );
    if (mine.length !== SEED.mine) {
      throw new Error(`seeded ${mine.length} live orgs for the user, expected ${SEED.mine}`);
    }
    const ids = mine.map((r) => r.id);
    const { rows: counts } = await pool.query(
      'select (select count(*) from orgs)::int as orgs, (select count(*) from memberships)::int as memberships',
    );

    const pages = [
      {
        caption: `First page: GET /me/orgs?limit=${SEED.mine} (all ${SEED.mine} of the user's orgs)`,
        limit: SEED.mine,
        cursor: null,
        expectIds: ids,
        expectNext: null,
      },
      {
        caption: 'Second page: GET /me/orgs?limit=20&cursor=<20th org id> (orgs 21-40)',
        limit: 20,
        cursor: ids[19],
        expectIds: ids.slice(20, 40),
        expectNext: ids[39],
      },
    ];

    const store = await auth.api.store();
    const tables = [];
    const results = [];
    for (const page of pages) {
      const targets = [
        handlerTarget(auth, cookie, page),
        rawTarget(pool, user.id, page),
        // References, to show where the difference goes: the repository call alone (Drizzle
        // builds the SQL and maps the rows), and the handler with no org query at all.
        repositoryTarget(store, user.id, page),
        sessionTarget(auth, cookie, email),
      ];
      const stats = await measure(targets);
      results.push({ page, stats: Object.fromEntries(targets.map((t, i) => [t.key, stats[i]])) });
      tables.push({
        caption: `${page.caption}; ${SAMPLES} sequential calls each after ${WARMUP} warm-up, targets alternating in blocks of ${BLOCK}`,
        rows: targets.map((t, i) => ({ target: t.label, ...row(stats[i]) })),
      });
    }

    return {
      title: `GET /me/orgs on PostgreSQL: in-process handler vs the same query through pg (${counts[0].orgs.toLocaleString('en')} orgs, ${counts[0].memberships.toLocaleString('en')} memberships, user in ${SEED.mine})`,
      tables,
      summary: summarize(results, { loadBefore, seedSeconds }),
    };
  } finally {
    await auth?.api.close();
    await pool?.end();
    postgres.stop();
  }
}

/** 4,000 users, 10,000 orgs (1% soft-deleted), 20 members each (an owner, an admin, members). */
async function seed(pool) {
  const userId = (expr) => `'usr_' || substr(md5('u' || (${expr})), 1, 24)`;
  const orgId = (expr) => `'org_' || substr(md5('o' || (${expr})), 1, 24)`;
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into users (id, email, email_verified, name)
       select ${userId('i')}, 'seed-' || i || '@example.com', true, 'Seed User ' || i
         from generate_series(0, $1 - 1) i`,
      [SEED.users],
    );
    await client.query(
      `insert into orgs (id, slug, name, status, owner_id, profile, labels, plan, deleted_at)
       select ${orgId('i')}, 'seed-org-' || i, 'Seed Org ' || i,
              case when i % $3 = $3 - 1 then 'deleted' else 'active' end,
              ${userId('i % $2')},
              jsonb_build_object('description', 'Seed organisation ' || i,
                                 'website', 'https://org-' || i || '.example'),
              case when i % 3 = 0 then '["beta"]'::jsonb else '[]'::jsonb end,
              case when i % 4 = 0 then 'pro' end,
              case when i % $3 = $3 - 1 then now() end
         from generate_series(0, $1 - 1) i`,
      [SEED.orgs, SEED.users, DELETED_EVERY],
    );
    // Member j of org i is user (i + 200 j) mod 4000: distinct within an org, ~50 orgs per user.
    // The user's orgs leave out their last seed member, so the total stays at 200,000.
    await client.query(
      `insert into memberships (org_id, user_id, roles)
       select ${orgId('i')}, ${userId('(i + $6 * j) % $2')},
              case j when 0 then '["owner"]'::jsonb when 1 then '["admin"]'::jsonb
                     else '["member"]'::jsonb end
         from generate_series(0, $1 - 1) i, generate_series(0, $3 - 1) j
        where not (i % $4 = $5 and j = $3 - 1)`,
      [
        SEED.orgs,
        SEED.users,
        SEED.membersPerOrg,
        MINE_EVERY,
        MINE_OFFSET,
        SEED.users / SEED.membersPerOrg,
      ],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function addMyMemberships(pool, userId) {
  const { rowCount } = await pool.query(
    `insert into memberships (org_id, user_id, roles)
     select 'org_' || substr(md5('o' || i), 1, 24), $1,
            case when i % 1000 = $2 then '["admin"]'::jsonb else '["member"]'::jsonb end
       from generate_series($2, $3 - 1, $4) i`,
    [userId, MINE_OFFSET, SEED.orgs, MINE_EVERY],
  );
  if (rowCount !== SEED.mine)
    throw new Error(`added ${rowCount} memberships, expected ${SEED.mine}`);
}

async function post(auth, path, body) {
  const res = await auth.handler(
    new Request(`${API}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE_URL },
      body: JSON.stringify(body),
    }),
    CONNECTION,
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return { res, json: JSON.parse(text) };
}

async function signUp(auth, email) {
  const { json } = await post(auth, '/sign-up', { email, password: PASSWORD, name: 'Bench User' });
  if (!json?.user?.id) throw new Error(`sign-up returned no user: ${JSON.stringify(json)}`);
  return json.user;
}

/** Signs in and returns the Cookie header a browser would send back (every cookie set). */
async function signIn(auth, email) {
  const { res } = await post(auth, '/sign-in', { email, password: PASSWORD });
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (!pairs.some((p) => p.startsWith('catalyst_access='))) {
    throw new Error(`sign-in set no catalyst_access cookie (got: ${pairs.join(', ')})`);
  }
  return pairs.join('; ');
}

const query = (page) =>
  `limit=${page.limit}${page.cursor ? `&cursor=${encodeURIComponent(page.cursor)}` : ''}`;

function handlerTarget(auth, cookie, page) {
  const url = `${API}/me/orgs?${query(page)}`;
  return {
    key: 'handler',
    label: `authkit GET /me/orgs?${page.cursor ? 'limit=20&cursor=…' : query(page)} (in-process handler)`,
    // Timed: the Request, the handler and reading the body, as a caller would.
    async run() {
      const res = await auth.handler(new Request(url, { headers: { cookie } }), CONNECTION);
      return { status: res.status, text: await res.text() };
    },
    // Not timed: a wrong answer must never be counted.
    check({ status, text }) {
      if (status !== 200) return `status ${status}: ${text.slice(0, 300)}`;
      const body = JSON.parse(text);
      const got = body.orgs?.map((o) => o.id);
      if (!sameIds(got, page.expectIds) || body.nextCursor !== page.expectNext) {
        return `expected ${page.expectIds.length} orgs and nextCursor ${page.expectNext}, got ${got?.length} and ${body.nextCursor}`;
      }
      return null;
    },
  };
}

function rawTarget(pool, userId, page) {
  // limit + 1, as OrgService.listMine asks the repository for
  const text = page.cursor ? LIST_FOR_USER_AFTER : LIST_FOR_USER;
  const values = page.cursor
    ? [userId, 'active', page.limit + 1, page.cursor]
    : [userId, 'active', page.limit + 1];
  const expected = page.expectNext ? page.expectIds.length + 1 : page.expectIds.length;
  return {
    key: 'raw',
    label: 'raw SQL, same join/filter/order/limit, via pg Pool (baseline)',
    run: () => pool.query(text, values),
    check(result) {
      const got = result.rows.slice(0, page.expectIds.length).map((r) => r.id);
      return result.rows.length === expected && sameIds(got, page.expectIds)
        ? null
        : `expected ${expected} rows, got ${result.rows.length}`;
    },
  };
}

/** Reference: `OrgRepository.listForUser` called directly, as `OrgService.listMine` calls it. */
function repositoryTarget(store, userId, page) {
  const expected = page.expectNext ? page.expectIds.length + 1 : page.expectIds.length;
  const args = [userId, { limit: page.limit + 1, ...(page.cursor ? { cursor: page.cursor } : {}) }];
  return {
    key: 'repository',
    label: 'ref: authkit store.orgs.listForUser (Drizzle, no HTTP)',
    run: () => store.orgs.listForUser(...args),
    check(rows) {
      const got = rows?.slice(0, page.expectIds.length).map((r) => r.org?.id);
      return rows?.length === expected && sameIds(got, page.expectIds)
        ? null
        : `expected ${expected} rows, got ${rows?.length}`;
    },
  };
}

/** Reference: the handler's fixed cost (routing, session check, JSON) with no org query. */
function sessionTarget(auth, cookie, email) {
  const url = `${API}/session`;
  return {
    key: 'session',
    label: 'ref: authkit GET /session, same cookies (no org query)',
    async run() {
      const res = await auth.handler(new Request(url, { headers: { cookie } }), CONNECTION);
      return { status: res.status, text: await res.text() };
    },
    check({ status, text }) {
      if (status !== 200) return `status ${status}: ${text.slice(0, 300)}`;
      const got = JSON.parse(text)?.user?.email;
      return got === email ? null : `not signed in as ${email} (got ${got})`;
    },
  };
}

const sameIds = (a, b) =>
  Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Sequential requests, the targets taking turns in blocks of BLOCK (the first target of each
 * round rotates); WARMUP per target first, discarded. Returns each target's sorted latencies (ms).
 */
async function measure(targets) {
  const samples = targets.map(() => []);
  const once = async (target, into) => {
    const started = performance.now();
    const result = await target.run();
    const ms = performance.now() - started;
    const problem = target.check(result);
    if (problem) throw new Error(`${target.label}: ${problem}`);
    into?.push(ms);
  };
  for (const [count, keep] of [
    [WARMUP, false],
    [SAMPLES, true],
  ]) {
    for (let done = 0, round = 0; done < count; done += BLOCK, round++) {
      const n = Math.min(BLOCK, count - done);
      for (let k = 0; k < targets.length; k++) {
        const i = (k + round) % targets.length;
        for (let r = 0; r < n; r++) await once(targets[i], keep ? samples[i] : undefined);
      }
    }
  }
  return samples.map((s) => s.sort((a, b) => a - b));
}

const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms) => Math.round(ms * 1000) / 1000;

function row(sorted) {
  return {
    'p50 (ms)': round(percentile(sorted, 50)),
    'p95 (ms)': round(percentile(sorted, 95)),
    'p99 (ms)': round(percentile(sorted, 99)),
    'mean (ms)': round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    samples: sorted.length,
  };
}

function summarize(results, { loadBefore, seedSeconds }) {
  const lines = [];
  for (const [index, { page, stats }] of results.entries()) {
    const at = (key, p) => percentile(stats[key], p);
    const ratio = (p) => at('handler', p) / at('raw', p);
    const ms = (x) => `${round(x)} ms`;
    const name = page.cursor ? 'second page (limit=20, cursor)' : `limit=${page.limit}`;
    const verdict = ratio(95) <= TARGET_P95_RATIO ? 'PASS' : 'MISS';
    lines.push(
      `GET /me/orgs ${name}: p95 handler / raw SQL = ${ratio(95).toFixed(2)}x (target <= ${TARGET_P95_RATIO}x): ${verdict}` +
        `${index === 0 ? '' : ' (the target is set for the first page; shown for reference)'};` +
        ` p50 ${ratio(50).toFixed(2)}x, p99 ${ratio(99).toFixed(2)}x`,
      `  where the p50 difference goes: Drizzle over raw ${ms(at('repository', 50) - at('raw', 50))},` +
        ` handler over Drizzle ${ms(at('handler', 50) - at('repository', 50))}` +
        ` (of which the signed-in request with no org query is ${ms(at('session', 50))})`,
    );
  }
  const cpus = availableParallelism();
  const busy = Math.max(loadBefore, loadavg()[0]) > cpus;
  lines.push(
    `seeding by SQL + VACUUM ANALYZE: ${seedSeconds.toFixed(1)} s; the handler's own pool and the baseline's are both node-postgres, max 10, used one query at a time`,
    `machine: ${cpus} CPUs shared by this process and postgres; Node ${process.version}`,
    `load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)}${busy ? ' -- machine busy: the tails are then mostly scheduling delay that both sides share, which pulls the p95/p99 ratios toward 1; rerun on an idle machine' : ''}`,
    'ratios are informational: the bench never fails because of them',
  );
  return lines;
}
