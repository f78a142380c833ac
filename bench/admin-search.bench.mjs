/* global Request, Buffer, performance */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createAuthkit } from '@catalyst/authkit/server';
import { freePort, onCleanup } from './support/processes.mjs';

// node-postgres as @catalyst/authkit itself resolves it (the same copy its store uses).
const require = createRequire(import.meta.resolve('@catalyst/authkit/server'));
const { Client, Pool } = require('pg');
// The framework the handler is built on, for the floor reference (a bare route over raw SQL).
const { Hono } = require('hono');

// BENCH_QUICK=1 shortens the run for a smoke test (numbers then mean little).
const QUICK = process.env.BENCH_QUICK === '1';
const SAMPLES = QUICK ? 60 : 300;
const WARMUP = QUICK ? 10 : 50;
/** Requests per block; the targets take turns block by block, so machine noise hits each alike. */
const BLOCK = 10;
// A slow case (hundreds of ms a call) gets fewer samples, not fewer users: the warm-up stops after
// WARMUP_BUDGET_MS (one block at least) and the samples are cut to fit CASE_BUDGET_MS, MIN_SAMPLES
// at least.
const WARMUP_BUDGET_MS = QUICK ? 1000 : 3000;
const CASE_BUDGET_MS = QUICK ? 5000 : 25_000;
const MIN_SAMPLES = QUICK ? 10 : 30;

const TARGET_P95_MS = 25;
const TARGET_P95_RATIO = 2;

const BASE_URL = 'http://localhost:3000';
const API = `${BASE_URL}/api/auth`;
const CONNECTION = { ip: '127.0.0.1' };
const ADMIN = { email: 'bench-admin@example.com', password: 'bench admin password 42' };
// Fixed, not random: the cached database keeps the signing keys the secret protects.
const SECRET = 'catalyst-bench-admin-search-secret-0123456789';

// The seeded database is kept between runs (seeding 1M rows is the slow part). It lives in its
// own PostgreSQL cluster under the temp dir (BENCH_ADMIN_PGDIR moves it), or in a database of
// that name on a server you point BENCH_ADMIN_PG_URL at (any database URL on it, e.g. .../postgres).
const DB_NAME = 'catalyst_bench_admin_1m';
const CLUSTER_DIR = process.env.BENCH_ADMIN_PGDIR ?? join(tmpdir(), 'catalyst-bench-admin-pg');
const BIN_DIRS = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];

const SEED = { users: 1_000_000, orgs: 2000, yearsOfSignups: 3 };
// Bump when the seed below changes: a cached database with another version is seeded anew.
const SEED_VERSION = `v3:${SEED.users}:${SEED.orgs}`;

const DOMAINS = (
  'gmail.com yahoo.com outlook.com hotmail.com icloud.com proton.me fastmail.com aol.com gmx.de ' +
  'web.de mail.ru yandex.ru qq.com 163.com naver.com orange.fr free.fr libero.it btinternet.com ' +
  'comcast.net verizon.net att.net live.com msn.com me.com zoho.com tutanota.com hey.com ' +
  'acme.io globex.com initech.com umbrella.co hooli.xyz piedpiper.net wayne.dev stark.tech ' +
  'cyberdyne.ai tyrell.io soylent.co wonka.shop gringotts.bank oscorp.com aperture.sci ' +
  'blackmesa.org vandelay.biz dundermifflin.com prestige.ws monsters.inc massive.dynamic kwik-e.mart'
).split(' ');

const FIRST_NAMES = (
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard ' +
  'Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy Matthew Betty ' +
  'Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua ' +
  'Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald ' +
  'Dorothy Jason Rebecca Edward Sharon Jeffrey Laura Ryan Cynthia Jacob Amy Gary Kathleen ' +
  'Nicholas Angela Eric Shirley Jonathan Brenda Stephen Emma Larry Anna Justin Pamela Scott ' +
  'Nicole Brandon Samantha Benjamin Katherine Samuel Christine Gregory Helen Alexander Debra ' +
  'Patrick Rachel Frank Carolyn Raymond Janet Jack Maria Dennis Catherine Jerry Heather Tyler ' +
  'Diane Aaron Olivia Jose Julie Adam Joyce Nathan Victoria Henry Ruth Zachary Virginia Douglas ' +
  'Lauren Peter Kelly Kyle Christina Noah Joan Ethan Evelyn Jeremy Judith Walter Andrea ' +
  'Christian Hannah Keith Megan Roger Cheryl Terry Jacqueline Austin Martha Sean Madison Gerald ' +
  'Teresa Carl Gloria Harold Sara Dylan Janice Arthur Ann Lawrence Kathryn Jordan Abigail Jesse ' +
  'Sophia Bryan Frances Wei Yuki Hiroshi Sofia Mateo Lucia Ahmed Fatima Priya Arjun Olga Ivan ' +
  'Lars Ingrid Chloe Louis Elena Marco Giulia Pedro Amara Kwame Aisha Omar Leila Dmitri Anya ' +
  'Mei Jun Sakura Ravi Ananya Tomasz Agnieszka Sven Astrid Pierre Camille Matteo Chiara Diego ' +
  'Valentina Hugo Ines Finn Freya Mohammed Zainab Chen Hana Kenji Nadia Yusuf'
).split(' ');

const LAST_NAMES = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez ' +
  'Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris ' +
  'Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill ' +
  'Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips ' +
  'Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers ' +
  'Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward ' +
  'Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez ' +
  'Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan ' +
  'Bell Coleman Butler Henderson Barnes Fisher Vasquez Simmons Romero Jordan Patterson ' +
  'Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera ' +
  'Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez ' +
  'McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns ' +
  'Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt ' +
  'Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer ' +
  'Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Gardner Payne Grant Dunn ' +
  'Kowalski Nowak Schneider Fischer Weber Becker Hoffmann Tanaka Suzuki Sato Yamamoto Wang Zhang ' +
  'Liu Singh Kumar Sharma Ivanov Petrov Rossi Russo Ferrari Esposito Bianchi Dubois Laurent ' +
  'Lefebvre Jansen Andersson Johansson Larsen Nielsen Hansen Virtanen Korhonen Okafor Mensah'
).split(' ');

/** Label sets of the ~10% labelled users (stored sorted, as the API stores them); 6 of 10 carry `beta`. */
const LABEL_SETS = [
  ['beta'],
  ['beta', 'region:eu'],
  ['beta', 'tier:gold'],
  ['beta', 'region:us'],
  ['beta', 'vip'],
  ['beta', 'region:eu', 'tier:gold'],
  ['region:eu'],
  ['region:us'],
  ['tier:gold'],
  ['vip'],
];

// What is searched. The fragments were picked to match a few hundred of the seeded rows; the run
// prints how many they match.
const EXACT_USER = 654_321;
const EMAIL_FRAGMENT = '42@hoo'; // user…42@hooli.xyz: 1 in 100 numbers x 1 in 50 domains
const NAME_FRAGMENT = 'Okafo'; // Okafor, one of the rarest last names (see LAST_NAMES)
const DEEP = { label: 'beta', limit: 25, page: 2000 };

/**
 * Every column of `users` and the sort key, in the order Drizzle selects them for
 * `AdminUserRepository.search` (packages/authkit/src/adapters/store/admin-user-repository.ts).
 */
const COLUMNS = `"users"."id", "users"."email", "users"."email_verified", "users"."name",
  "users"."password_hash", "users"."labels", "users"."platform_roles", "users"."created_at",
  "users"."updated_at", "users"."banned_at", "users"."ban_reason", "users"."ban_expires_at",
  "users"."last_active_at",
  to_char("users"."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const ORDER_CREATED_DESC = `order by "users"."created_at" desc, "users"."id" desc`;
const NOT_BANNED = `not ("users"."banned_at" is not null and ("users"."ban_expires_at" is null or "users"."ban_expires_at" > now()))`;

/**
 * The statements the repository sends for each case, written by hand (checked against its SQL
 * with log_statement=all); keep them in step when the repository's SQL changes.
 */
const RAW = {
  email: `select ${COLUMNS} from "users" where "users"."email" = $1 ${ORDER_CREATED_DESC} limit $2`,
  q: `select ${COLUMNS} from "users"
       where ("users"."email" ilike $1 or "users"."name" ilike $2 or "users"."id" = $3)
       ${ORDER_CREATED_DESC} limit $4`,
  filtered: `select ${COLUMNS} from "users"
       where ${NOT_BANNED} and "users"."labels" @> $1::jsonb
       ${ORDER_CREATED_DESC} limit $2`,
  filteredAfter: `select ${COLUMNS} from "users"
       where ${NOT_BANNED} and "users"."labels" @> $1::jsonb
         and ("users"."created_at", "users"."id") < ($2::timestamptz, $3)
       ${ORDER_CREATED_DESC} limit $4`,
};

/**
 * `GET /admin/users` over 1,000,000 users on PostgreSQL through the in-process handler (bearer
 * check, platform-role check, validation, query, JSON) next to the same statement sent by hand
 * through a `pg` Pool: exact email, email and name substrings (pg_trgm), and a filtered page at
 * the start and 2,000 pages deep (keyset cursor).
 */
export async function adminSearchBench() {
  const loadBefore = loadavg()[0];
  const started = performance.now();
  const server = await startCachedPostgres();
  let auth;
  let pool;
  try {
    const url = databaseUrl(server.url);
    const state = await seedState(url);
    // BENCH_ADMIN_RESEED=1 seeds anew even when the cached database is current.
    const reuse = state?.version === SEED_VERSION && process.env.BENCH_ADMIN_RESEED !== '1';
    if (!reuse) await recreateDatabase(server.url);

    auth = createAuthkit({
      databaseUrl: url,
      secret: SECRET,
      baseUrl: BASE_URL,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      // The 300 s default is long enough for this run; an hour leaves no doubt.
      accessTokenTtlSeconds: 3600,
    });
    // Opens the store: runs the migrations, seeds the platform admin.
    await auth.api.ready();
    pool = new Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);

    const seeded = reuse ? null : await seed(pool);
    const setupSeconds = (performance.now() - started) / 1000;

    const token = await signIn(auth);
    const store = await auth.api.store();
    const { rows: counts } = await pool.query(
      `select (select count(*) from users)::int as users,
              (select count(*) from user_profiles)::int as profiles,
              (select count(*) from orgs)::int as orgs,
              (select count(*) from memberships)::int as memberships`,
    );
    if (counts[0].users < SEED.users) {
      throw new Error(`expected at least ${SEED.users} users, found ${counts[0].users}`);
    }

    const cases = await buildCases(pool);
    const tables = [];
    const results = [];
    for (const c of cases) {
      const expected = await pool.query(c.raw.text, c.raw.values);
      if (!expected.rows.length) throw new Error(`${c.name}: the raw query found no rows`);
      const targets = [
        handlerTarget(auth, token, c, expected.rows),
        rawTarget(pool, c, expected.rows),
        // Reference, to show where the difference goes: the repository call alone, through the
        // public `api.store()` (Drizzle builds the SQL and maps the rows; no HTTP, no role check).
        repositoryTarget(store, c, expected.rows),
        // Reference: the handler's fixed cost (routing, bearer check, JSON) with no query at all.
        sessionTarget(auth, token),
        // Reference: the floor of any in-process Web handler here, a bare Hono route that sends
        // the raw SQL and answers the rows as JSON (no auth, no validation, no views).
        floorTarget(pool, c, expected.rows),
        ...(c.suggested ? [suggestedTarget(pool, c, expected.rows)] : []),
      ];
      const { sorted: stats, warmup, samples } = await measure(targets);
      const plan = await planOf(pool, c.raw);
      results.push({
        c,
        plan,
        stats: Object.fromEntries(targets.map((t, i) => [t.key, stats[i]])),
      });
      tables.push({
        caption: `${c.caption} (${c.matches.toLocaleString('en')} matching rows); ${samples} sequential calls each after ${warmup} warm-up, targets alternating in blocks of ${BLOCK}${samples < SAMPLES ? ` (fewer than ${SAMPLES}: slow calls)` : ''}`,
        rows: targets.map((t, i) => ({ target: t.label, ...row(stats[i]) })),
      });
    }

    return {
      title: `GET /admin/users on PostgreSQL with ${counts[0].users.toLocaleString('en')} users: in-process handler vs the same query through pg`,
      tables,
      summary: summarize(results, {
        loadBefore,
        seeded,
        setupSeconds,
        cluster: server.cluster,
        counts: counts[0],
      }),
    };
  } finally {
    await auth?.api.close();
    await pool?.end();
    server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a cluster that survives the run, so the seeded database can be reused.

/**
 * Starts (creating on first use) a PostgreSQL cluster in CLUSTER_DIR, with the flags of
 * bench/support/postgres.mjs, and stops it (keeping the data) when the run ends. With
 * BENCH_ADMIN_PG_URL, uses that server instead.
 */
async function startCachedPostgres() {
  if (process.env.BENCH_ADMIN_PG_URL) {
    return { url: process.env.BENCH_ADMIN_PG_URL, cluster: 'BENCH_ADMIN_PG_URL', stop() {} };
  }
  const bin = BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')));
  if (!bin) {
    throw new Error(
      `PostgreSQL server binaries not found (looked in ${BIN_DIRS.join(', ')}); install them with \`apt-get install -y postgresql\``,
    );
  }
  // PostgreSQL refuses to run as root: as root the cluster is owned by and runs as `postgres`.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd, args) => {
    const file = join(bin, cmd);
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' })
      : execFileSync(file, args, { stdio: 'pipe' });
  };
  const data = join(CLUSTER_DIR, 'data');
  const log = join(CLUSTER_DIR, 'log');
  const major = basename(dirname(bin));
  const version = join(data, 'PG_VERSION');
  const running = () => {
    try {
      run('pg_ctl', ['-D', data, 'status']);
      return true;
    } catch {
      return false;
    }
  };
  // A run killed hard leaves its server up (so two runs of this section must not overlap); a
  // cluster of another major version cannot be opened.
  if (existsSync(version) && running()) run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  if (existsSync(version) && readFileSync(version, 'utf8').trim() !== major) {
    rmSync(CLUSTER_DIR, { recursive: true, force: true });
  }
  const port = await freePort();
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '120',
      'start',
      '-o',
      `-p ${port} -h 127.0.0.1 -k ${CLUSTER_DIR} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    ]);
  const init = () => {
    rmSync(CLUSTER_DIR, { recursive: true, force: true });
    mkdirSync(CLUSTER_DIR, { recursive: true });
    if (asRoot) {
      chmodSync(CLUSTER_DIR, 0o777);
      execFileSync('chown', ['postgres', CLUSTER_DIR]);
    }
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  };
  let cluster = 'reused';
  const stop = onCleanup(() => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '120', 'stop']);
    }
  });
  try {
    if (!existsSync(version)) {
      init();
      cluster = 'created';
    }
    start();
  } catch (error) {
    const stderr = error?.stderr?.toString() ?? '';
    const logText = existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : '';
    stop();
    throw new Error(
      `could not start PostgreSQL in ${CLUSTER_DIR} (delete the directory to start over): ${error instanceof Error ? error.message : String(error)}\n${stderr}${logText}`,
    );
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, cluster, stop };
}

function databaseUrl(serverUrl) {
  const url = new URL(serverUrl);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

/** The seed marker of the cached database, or null when it has none (or does not exist). */
async function seedState(url) {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if (error?.code === '3D000') return null; // no such database
    throw error;
  }
  try {
    const { rows } = await client.query('select version, users from bench_seed');
    return rows[0] ?? null;
  } catch (error) {
    if (error?.code === '42P01') return null; // no marker table
    throw error;
  } finally {
    await client.end();
  }
}

async function recreateDatabase(serverUrl) {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${DB_NAME}" with (force)`);
    await client.query(`create database "${DB_NAME}"`);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Seeding: set-based SQL, secondary indexes of `users` built once at the end.

/**
 * 1,000,000 users (user<n>@<one of 50 domains>, ~210 first names drawn evenly and ~230 last
 * names drawn log-uniformly (Zipf-like: the first is on ~13% of users, the last on ~0.08%),
 * sign-ups spread over 3 years in the order of n (ids random), 70% active, 1% banned, 10% labelled,
 * a handful with platform roles), a profile each, 2,000 orgs with 100 members each (20% of users).
 * Pseudo-random but deterministic: every choice is a hash of the row number.
 */
async function seed(pool) {
  const steps = [];
  const step = async (name, fn) => {
    const started = performance.now();
    await fn();
    steps.push({ name, seconds: (performance.now() - started) / 1000 });
  };
  const client = await pool.connect();
  try {
    await client.query(`set maintenance_work_mem = '512MB'`);
    // The rows are consistent by construction: skip the per-row foreign-key triggers when allowed
    // (a superuser; on a BENCH_ADMIN_PG_URL server without the right they just run).
    await client.query('set session_replication_role = replica').catch(() => undefined);
    await client.query('begin');
    // The migrations' own definitions, dropped for the bulk insert and created again after it.
    const { rows: indexes } = await client.query(
      `select indexname, indexdef from pg_indexes
        where schemaname = current_schema() and tablename = 'users'
          and indexname not in (select conname from pg_constraint where conrelid = 'users'::regclass)`,
    );
    for (const { indexname } of indexes) await client.query(`drop index "${indexname}"`);

    // r1..r9: independent 28-bit numbers, hashes of n (cheap; md5 only where text is needed).
    await step('users', () =>
      client.query(
        `insert into users (id, email, email_verified, name, password_hash, labels, platform_roles,
                          created_at, updated_at, banned_at, ban_reason, ban_expires_at, last_active_at)
       select 'usr_' || substr(md5('bench-user-id-' || n), 1, 24),
              'user' || n || '@' || ($2::text[])[1 + r1 % cardinality($2::text[])],
              (r5 >> 8) % 10 <> 0,
              case when r8 % 50 = 7 then null
                   else ($3::text[])[1 + r2 % cardinality($3::text[])] || ' ' ||
                        ($4::text[])[floor(exp(r3 / 268435456.0 * ln(cardinality($4::text[]) + 1)))::int] end,
              '$argon2id$v=19$m=19456,t=2,p=1$' || substr(h, 1, 22) || '$' || h || substr(h, 1, 11),
              case when r5 % 10 = 0 then ($5::jsonb[])[1 + r4 % cardinality($5::jsonb[])]
                   else '[]'::jsonb end,
              case when n % 200000 = 100000 then '["support"]'::jsonb
                   when n in (333333, 666666) then '["admin"]'::jsonb
                   else '[]'::jsonb end,
              created,
              created + (t - created) * ((r8 >> 8) % 100) / 100,
              case when r6 % 100 = 0 then created + (t - created) / 2 end,
              case when r6 % 100 = 0
                   then (array['spam', 'chargeback', 'abuse report', null])[1 + (r6 >> 8) % 4] end,
              -- of the bans, 1 in 5 runs out in 10 years, 1 in 5 ran out 10 days ago (not banned)
              case when r6 % 100 = 0 and (r6 >> 12) % 5 = 0 then t + interval '10 years'
                   when r6 % 100 = 0 and (r6 >> 12) % 5 = 1 then t - interval '10 days' end,
              case when r7 % 10 < 7 then created + (t - created) * ((r7 >> 8) % 10000) / 10000 end
         from (select n, h, t,
                      (hashint8extended(n, 1) & 268435455)::int as r1,
                      (hashint8extended(n, 2) & 268435455)::int as r2,
                      (hashint8extended(n, 3) & 268435455)::int as r3,
                      (hashint8extended(n, 4) & 268435455)::int as r4,
                      (hashint8extended(n, 5) & 268435455)::int as r5,
                      (hashint8extended(n, 6) & 268435455)::int as r6,
                      (hashint8extended(n, 7) & 268435455)::int as r7,
                      (hashint8extended(n, 8) & 268435455)::int as r8,
                      -- sign-up n at its share of the span, plus up to 100 s of jitter
                      t - make_interval(years => $6::int) + make_interval(
                        secs => ((n - 1) * extract(epoch from make_interval(years => $6::int)) / $1::int
                                 + (hashint8extended(n, 9) & 65535) / 655.36)::float8) as created
                 from (select n, md5('bench-user-pw-' || n) as h, now() as t
                         from generate_series(1, $1::bigint) n) s) r`,
        [
          SEED.users,
          DOMAINS,
          FIRST_NAMES,
          LAST_NAMES,
          LABEL_SETS.map((l) => JSON.stringify(l)),
          SEED.yearsOfSignups,
        ],
      ),
    );
    await step('profiles', () =>
      client.query(
        `insert into user_profiles (user_id, data, locale, timezone, updated_at)
       select id, '{}'::jsonb,
              (array['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', null])[1 + abs(hashtext(id)) % 7],
              (array['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', null])[1 + abs(hashtext(email)) % 4],
              created_at
         from users
        order by id
       on conflict (user_id) do nothing`,
      ),
    );
    // Org k is owned by user 5k; user 5m is a member of org 1 + (m - 1) % 2000.
    const userId = (n) => `'usr_' || substr(md5('bench-user-id-' || (${n})), 1, 24)`;
    const orgId = (k) => `'org_' || substr(md5('bench-org-' || (${k})), 1, 24)`;
    await step('orgs + memberships', async () => {
      await client.query(
        `insert into orgs (id, slug, name, owner_id, created_at)
       select ${orgId('k')}, 'bench-org-' || k,
              ($2::text[])[1 + k % cardinality($2::text[])] || ' ' ||
                (array['Labs', 'Group', 'Partners', 'Studio', 'Inc'])[1 + k % 5] || ' ' || k,
              ${userId('5 * k')}, now() - make_interval(days => k % 1000)
         from generate_series(1, $1::int) k`,
        [SEED.orgs, LAST_NAMES],
      );
      await client.query(
        `insert into memberships (org_id, user_id, roles)
       select ${orgId('1 + (m - 1) % $1::int')}, ${userId('5 * m')},
              case when m <= $1::int then '["owner"]'::jsonb
                   when m % 10 = 3 then '["admin"]'::jsonb
                   else '["member"]'::jsonb end
         from generate_series(1, $2::int / 5) m`,
        [SEED.orgs, SEED.users],
      );
    });
    await step('users indexes', async () => {
      for (const { indexdef } of indexes) await client.query(indexdef);
    });
    await client.query(
      `create table bench_seed (version text not null, users int not null, seeded_at timestamptz not null)`,
    );
    await client.query(`insert into bench_seed values ($1, $2, now())`, [SEED_VERSION, SEED.users]);
    await client.query('commit');
    await step('vacuum analyze', () =>
      client.query('vacuum analyze users, user_profiles, orgs, memberships'),
    );
    return steps;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.query('reset session_replication_role').catch(() => undefined);
    await client.query('reset maintenance_work_mem').catch(() => undefined);
    client.release();
  }
}

// ---------------------------------------------------------------------------------------------
// The cases.

async function buildCases(pool) {
  const one = async (text, values) => (await pool.query(text, values)).rows[0];
  const { email } = await one(
    `select email from users where id = 'usr_' || substr(md5('bench-user-id-' || $1::int), 1, 24)`,
    [EXACT_USER],
  );
  const count = async (where, values) =>
    (await one(`select count(*)::int as n from users where ${where}`, values)).n;
  const like = (s) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const labelJson = JSON.stringify([DEEP.label]);
  const filtered = `${NOT_BANNED} and labels @> $1::jsonb`;
  const filteredRows = await count(filtered, [labelJson]);

  // The deep page's cursor: the sort value (as the repository prints it) and id of the last row
  // of page 1,999, found with OFFSET here (untimed) and encoded as the API encodes cursors. The
  // API's own cursor for page 2 is compared with ours below, so the encoding is checked.
  const skip = DEEP.limit * (DEEP.page - 1);
  if (skip >= filteredRows) {
    throw new Error(`only ${filteredRows} filtered rows; page ${DEEP.page} does not exist`);
  }
  const lastBefore = async (offset) => {
    const r = await pool.query(`${RAW.filtered.replace('limit $2', 'offset $2 limit 1')}`, [
      labelJson,
      offset - 1,
    ]);
    const last = r.rows[0];
    return { value: last.to_char, id: last.id };
  };
  const deep = await lastBefore(skip);
  const second = await lastBefore(DEEP.limit);

  const qCase = (name, caption, q) => ({
    name,
    caption,
    query: `q=${encodeURIComponent(q)}`,
    filter: { q },
    raw: { text: RAW.q, values: [like(q), like(q), q, 26] },
  });
  const cases = [
    {
      name: '(a) exact email',
      caption: `(a) exact email: GET /admin/users?email=${email}`,
      query: `email=${encodeURIComponent(email)}`,
      filter: { email },
      raw: { text: RAW.email, values: [email, 26] },
      matches: 1,
    },
    {
      ...qCase(
        '(b) email substring',
        `(b) email substring: GET /admin/users?q=${EMAIL_FRAGMENT}`,
        EMAIL_FRAGMENT,
      ),
      matches: await count('email ilike $1 or name ilike $1', [like(EMAIL_FRAGMENT)]),
    },
    {
      ...qCase(
        '(c) name substring',
        `(c) name substring: GET /admin/users?q=${NAME_FRAGMENT}`,
        NAME_FRAGMENT,
      ),
      matches: await count('email ilike $1 or name ilike $1', [like(NAME_FRAGMENT)]),
    },
    {
      name: '(d) filtered, page 1',
      caption: `(d) filtered, first page: GET /admin/users?banned=false&label=${DEEP.label}&sort=-created&limit=${DEEP.limit}`,
      query: `banned=false&label=${DEEP.label}&sort=-created&limit=${DEEP.limit}`,
      filter: { banned: false, label: DEEP.label },
      limit: DEEP.limit,
      raw: { text: RAW.filtered, values: [labelJson, DEEP.limit + 1] },
      matches: filteredRows,
      expectCursor: encodeCursor('-created', second),
    },
    {
      name: `(d) filtered, page ${DEEP.page}`,
      caption: `(d) filtered, page ${DEEP.page.toLocaleString('en')} (rows ${(skip + 1).toLocaleString('en')}-${(skip + DEEP.limit).toLocaleString('en')}): the same with &cursor=<cursor of page ${DEEP.page - 1}>`,
      query: `banned=false&label=${DEEP.label}&sort=-created&limit=${DEEP.limit}&cursor=${encodeCursor('-created', deep)}`,
      filter: { banned: false, label: DEEP.label },
      after: deep,
      limit: DEEP.limit,
      raw: {
        text: RAW.filteredAfter,
        values: [labelJson, deep.value, deep.id, DEEP.limit + 1],
      },
      matches: filteredRows,
      // Must equal rows skip+1.. of the whole filtered list.
      expectFirstId: (
        await pool.query(RAW.filtered.replace('limit $2', 'offset $2 limit 1'), [labelJson, skip])
      ).rows[0].id,
    },
  ];
  return cases.map((c) => ({ limit: 25, ...c, sort: '-created' }));
}

/** The API's cursor format (admin-user-views.ts): base64url JSON of [sort, value, id]. */
const encodeCursor = (sort, { value, id }) =>
  Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');

async function signIn(auth) {
  const res = await auth.handler(
    new Request(`${API}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE_URL },
      body: JSON.stringify(ADMIN),
    }),
    CONNECTION,
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`POST /sign-in answered ${res.status}: ${text.slice(0, 500)}`);
  const access = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((p) => p.startsWith('catalyst_access='));
  if (!access) throw new Error('sign-in set no catalyst_access cookie');
  return access.slice('catalyst_access='.length);
}

// ---------------------------------------------------------------------------------------------
// Targets: `run` is timed, `check` is not (a wrong answer must never be counted).

const idsOf = (rows, limit) => rows.slice(0, limit).map((r) => r.id);

function expectation(c, rows) {
  return { ids: idsOf(rows, c.limit), more: rows.length > c.limit };
}

function checkIds(got, want) {
  return got.length === want.length && got.every((id, i) => id === want[i])
    ? null
    : `expected ids ${want.slice(0, 3).join(', ')}… (${want.length}), got ${got.slice(0, 3).join(', ')}… (${got.length})`;
}

function handlerTarget(auth, token, c, rows) {
  const url = `${API}/admin/users?${c.query}`;
  const want = expectation(c, rows);
  const headers = { authorization: `Bearer ${token}` };
  return {
    key: 'handler',
    label: 'authkit GET /admin/users (in-process handler, bearer)',
    async run() {
      const res = await auth.handler(new Request(url, { headers }), CONNECTION);
      return { status: res.status, text: await res.text() };
    },
    check({ status, text }) {
      if (status !== 200) return `status ${status}: ${text.slice(0, 300)}`;
      const body = JSON.parse(text);
      const problem = checkIds(
        body.users.map((u) => u.id),
        want.ids,
      );
      if (problem) return problem;
      if (Boolean(body.nextCursor) !== want.more) return `nextCursor ${body.nextCursor}`;
      if (c.expectCursor && body.nextCursor !== c.expectCursor) {
        return `nextCursor ${body.nextCursor} is not the cursor this bench encodes (${c.expectCursor}); the cursor format changed`;
      }
      if (c.expectFirstId && body.users[0]?.id !== c.expectFirstId) {
        return `first row ${body.users[0]?.id}, expected ${c.expectFirstId} (row ${DEEP.limit * (DEEP.page - 1) + 1} of the list)`;
      }
      return null;
    },
  };
}

function rawTarget(pool, c, rows) {
  const want = idsOf(rows, rows.length);
  return {
    key: 'raw',
    label: 'raw SQL, same where/order/limit, via pg Pool (baseline)',
    run: () => pool.query(c.raw.text, c.raw.values),
    check: (result) =>
      checkIds(
        result.rows.map((r) => r.id),
        want,
      ),
  };
}

/** Reference: `store.adminUsers.search` (public `api.store()`), as `AdminUserService.search` calls it. */
function repositoryTarget(store, c, rows) {
  const want = idsOf(rows, rows.length);
  const page = { sort: c.sort, after: c.after, limit: c.limit + 1 };
  return {
    key: 'repository',
    label: 'ref: authkit store.adminUsers.search (Drizzle, no HTTP)',
    run: () => store.adminUsers.search(c.filter, page),
    check: (result) =>
      checkIds(
        result.map((r) => r.id),
        want,
      ),
  };
}

/** Reference: the handler's fixed cost, `GET /session` with the same bearer token. */
function sessionTarget(auth, token) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    key: 'session',
    label: 'ref: authkit GET /session, same bearer (no search)',
    async run() {
      const res = await auth.handler(new Request(`${API}/session`, { headers }), CONNECTION);
      return { status: res.status, text: await res.text() };
    },
    check: ({ status, text }) =>
      status === 200 && JSON.parse(text)?.user?.email === ADMIN.email
        ? null
        : `status ${status}: ${text.slice(0, 300)}`,
  };
}

/** Reference: a bare Hono route around the raw statement: Request in, JSON Response out. */
function floorTarget(pool, c, rows) {
  const want = idsOf(rows, rows.length);
  const app = new Hono().get('/users', async (ctx) => {
    const result = await pool.query(c.raw.text, c.raw.values);
    return ctx.json({ users: result.rows });
  });
  return {
    key: 'floor',
    label: 'ref: bare Hono route, raw SQL via pg, rows as JSON (no auth or validation)',
    async run() {
      const res = await app.fetch(new Request(`${BASE_URL}/users?${c.query}`));
      return { status: res.status, text: await res.text() };
    },
    check: ({ status, text }) =>
      status === 200
        ? checkIds(
            JSON.parse(text).users.map((r) => r.id),
            want,
          )
        : `status ${status}`,
  };
}

/** Reference: the SQL this bench suggests for the filtered list (SUGGESTED), same rows. */
function suggestedTarget(pool, c, rows) {
  const want = idsOf(rows, rows.length);
  return {
    key: 'suggested',
    label: 'ref: suggested SQL (desc without nulls last, row-value keyset)',
    run: () => pool.query(c.suggested.text, c.suggested.values),
    check: (result) =>
      checkIds(
        result.rows.map((r) => r.id),
        want,
      ),
  };
}

/**
 * Sequential calls, the targets taking turns in blocks of BLOCK (the first target of each round
 * rotates); a warm-up first, discarded. Returns each target's sorted latencies (ms) and the
 * warm-up and sample counts per target.
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
  // Rounds of up to BLOCK calls per target until `count` calls each, or `budgetMs` has passed.
  const rounds = async (count, budgetMs, keep) => {
    const started = performance.now();
    let done = 0;
    for (let round = 0; done < count; round++) {
      if (done > 0 && performance.now() - started > budgetMs) break;
      const n = Math.min(BLOCK, count - done);
      for (let k = 0; k < targets.length; k++) {
        const i = (k + round) % targets.length;
        for (let r = 0; r < n; r++) await once(targets[i], keep ? samples[i] : undefined);
      }
      done += n;
    }
    return { done, ms: performance.now() - started };
  };
  const warm = await rounds(WARMUP, WARMUP_BUDGET_MS, false);
  const perSampleMs = warm.ms / warm.done;
  const count = Math.max(
    MIN_SAMPLES,
    Math.min(SAMPLES, Math.floor(CASE_BUDGET_MS / perSampleMs / BLOCK) * BLOCK),
  );
  await rounds(count, Infinity, true);
  return {
    sorted: samples.map((s) => s.sort((a, b) => a - b)),
    warmup: warm.done,
    samples: count,
  };
}

/** EXPLAIN (no ANALYZE) of the raw statement: its plan nodes, parents first, with index names. */
async function planOf(pool, { text, values }) {
  const { rows } = await pool.query(`explain (format json) ${text}`, values);
  const nodes = [];
  const walk = (node, depth) => {
    const on = node['Index Name'] ?? node['Relation Name'];
    nodes.push(`${'  '.repeat(depth)}${node['Node Type']}${on ? ` ${on}` : ''}`);
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(rows[0]['QUERY PLAN'][0].Plan, 0);
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// Report.

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

function summarize(results, { loadBefore, seeded, setupSeconds, cluster, counts }) {
  const lines = [];
  const ms = (x) => `${round(x)} ms`;
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  for (const { c, stats, plan } of results) {
    const at = (key, p) => percentile(stats[key], p);
    const p95 = at('handler', 95);
    const ratio = p95 / at('raw', 95);
    lines.push(
      `${c.name}: handler p95 ${ms(p95)} (target <= ${TARGET_P95_MS} ms: ${verdict(p95 <= TARGET_P95_MS)}),` +
        ` handler / raw p95 = ${ratio.toFixed(2)}x (target <= ${TARGET_P95_RATIO}x: ${verdict(ratio <= TARGET_P95_RATIO)});` +
        ` p50 ${(at('handler', 50) / at('raw', 50)).toFixed(2)}x`,
      `  where the p50 difference goes: Drizzle over raw ${ms(at('repository', 50) - at('raw', 50))},` +
        ` handler over Drizzle ${ms(at('handler', 50) - at('repository', 50))}` +
        ` (GET /session alone: ${ms(at('session', 50))}; the rest is the cached role check, query validation, the cursor and JSON)`,
      `  floor of an in-process handler (bare Hono route over the raw SQL): p50 ${(at('floor', 50) / at('raw', 50)).toFixed(2)}x raw, p95 ${(at('floor', 95) / at('raw', 95)).toFixed(2)}x raw;` +
        ` the handler over that floor: p50 +${ms(at('handler', 50) - at('floor', 50))}, p95 ${(p95 / at('floor', 95)).toFixed(2)}x`,
      `  plan of the raw SQL (EXPLAIN, no ANALYZE): ${plan.map((n) => n.trim()).join(' > ')}`,
    );
    if (stats.suggested) {
      lines.push(
        `  suggested SQL: p50 ${ms(at('suggested', 50))}, p95 ${ms(at('suggested', 95))}` +
          ` (${(at('raw', 95) / at('suggested', 95)).toFixed(0)}x faster than the repository's SQL at p95)`,
      );
    }
  }
  const deep = results.filter((r) => r.c.name.startsWith('(d)'));
  if (deep.length === 2) {
    const depth = (key) => {
      const [first, far] = deep.map((r) => percentile(r.stats[key], 95));
      return `${(far / first).toFixed(2)}x`;
    };
    lines.push(
      `keyset depth, p95 page ${DEEP.page} / page 1 (a keyset page should cost about the same at any depth): handler ${depth('handler')}`,
    );
  }
  const cpus = availableParallelism();
  const busy = Math.max(loadBefore, loadavg()[0]) > cpus;
  const seedSeconds = seeded?.reduce((sum, s) => sum + s.seconds, 0);
  lines.push(
    `data: ${counts.users.toLocaleString('en')} users (incl. the signed-in admin), ${counts.profiles.toLocaleString('en')} profiles, ${counts.orgs.toLocaleString('en')} orgs, ${counts.memberships.toLocaleString('en')} memberships; ` +
      (seeded
        ? `seeded in ${seedSeconds.toFixed(1)} s (${seeded.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(', ')}); setup ${setupSeconds.toFixed(1)} s`
        : `database ${DB_NAME} reused from an earlier run (setup ${setupSeconds.toFixed(1)} s; BENCH_ADMIN_RESEED=1 seeds anew)`),
    `cluster: ${cluster === 'BENCH_ADMIN_PG_URL' ? 'BENCH_ADMIN_PG_URL' : `${CLUSTER_DIR} (${cluster}; kept between runs)`}; the handler's pool and the baseline's are both node-postgres, max 10, one query at a time`,
    `machine: ${cpus} CPUs shared by this process and postgres; Node ${process.version}`,
    `load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)}${busy ? ' -- machine busy: the numbers carry scheduling delay; rerun on an idle machine' : ''}`,
    'targets are informational: the bench never fails because of them',
  );
  return lines;
}
