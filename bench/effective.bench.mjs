/* global Request, performance */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { createAuthkit } from '@catalyst/authkit/server';
import { startPostgres } from './support/postgres.mjs';

// Durations in ms per target. Targets take turns in blocks of BLOCK_MS of wall time, so machine
// noise hits each alike. BENCH_QUICK=1 shortens the run for a smoke test (numbers then mean little).
const QUICK = process.env.BENCH_QUICK === '1';
const API_RUN = QUICK ? { warmupMs: 200, measureMs: 500 } : { warmupMs: 1000, measureMs: 3000 };
const HTTP_RUN = QUICK ? { warmupMs: 200, measureMs: 500 } : { warmupMs: 500, measureMs: 2000 };
const BLOCK_MS = 100;

const BASE_URL = 'http://localhost:3000';
const API = `${BASE_URL}/api/auth`;
const PASSWORD = 'correct horse battery staple 42';
const CONNECTION = { ip: '127.0.0.1' };
const PLANS = { pro: { features: ['sso', 'audit'], limits: { members: 100 } } };

// What is seeded through the public API, and the identity it must merge to (DESIGN §10).
const SEED = {
  userLabels: ['region:eu', 'tier:gold', 'lang:de'],
  orgLabels: ['region:us', 'industry:fintech'],
  role: { name: 'auditor', permissions: ['audit:read', 'members:read', 'org:read'] },
  // Distinct keys across groups, so their (id) order cannot change the merge.
  groups: [
    { name: 'Engineering', labels: ['dept:eng', 'cost-center:cc-100'] },
    { name: 'Platform', labels: ['team:platform', 'tier:platinum'], roles: ['auditor'] },
    { name: 'On-call', labels: ['oncall:primary'] },
  ],
  labelsDelta: ['-lang', 'seat:42'],
  override: { features: ['beta-dashboard', '-audit'], limits: { members: 250, api_calls: 10_000 } },
};
const expectedIdentity = ({ userId, orgId, groupIds }) => ({
  userId,
  orgId,
  roles: ['auditor', 'member'],
  permissions: ['audit:read', 'members:read', 'org:read'],
  groups: [...groupIds].sort(),
  // user → org → groups → membership delta → plan; later wins, `-key` removes
  labels: [
    'cost-center:cc-100',
    'dept:eng',
    'industry:fintech',
    'oncall:primary',
    'plan:pro',
    'region:us',
    'seat:42',
    'team:platform',
    'tier:platinum',
  ],
  plan: 'pro',
  entitlements: {
    features: ['beta-dashboard', 'sso'],
    limits: { api_calls: 10_000, members: 250 },
  },
});

/**
 * `me.effective` with the identity cache (the default, 300 s, in-memory CachePort) next to the
 * same call computed from the store every time (`identityCacheSeconds: 0`), on embedded PGlite and
 * on PostgreSQL: `api.effective` in a tight loop, then `GET /me/effective` through the handler.
 */
export async function effectiveBench() {
  const loadBefore = loadavg()[0];
  const secret = randomBytes(32).toString('base64url');
  const config = (extra) => ({
    secret,
    baseUrl: BASE_URL,
    plans: PLANS,
    // The 300 s default is long enough for this run; an hour leaves no doubt.
    accessTokenTtlSeconds: 3600,
    ...extra,
  });

  const tables = [];
  const summary = [];

  // PGlite: one memory:// database cannot be shared by two instances, so each mode gets its own,
  // seeded identically.
  {
    const cached = createAuthkit(config({ dataDir: 'memory://' }));
    const uncached = createAuthkit(config({ dataDir: 'memory://', identityCacheSeconds: 0 }));
    try {
      const started = performance.now();
      // Side by side: argon2 runs off the main thread, so the two overlap a little.
      const [a, b] = await Promise.all([seed(cached, 'pglite'), seed(uncached, 'pglite')]);
      const setupSeconds = (performance.now() - started) / 1000;
      await runDatabase('PGlite (embedded, memory://, one database per instance)', {
        cached: { auth: cached, ...a },
        uncached: { auth: uncached, ...b },
        tables,
        summary,
        setupSeconds,
      });
    } finally {
      await cached.api.close();
      await uncached.api.close();
    }
  }

  // PostgreSQL: both instances over the same database; seeded once, the member signs in on each.
  {
    const started = performance.now();
    const postgres = await startPostgres();
    let cached;
    let uncached;
    try {
      uncached = createAuthkit(config({ databaseUrl: postgres.url, identityCacheSeconds: 0 }));
      cached = createAuthkit(config({ databaseUrl: postgres.url }));
      // One after the other: the first migrates, the second finds the schema ready.
      await uncached.api.ready();
      await cached.api.ready();
      const b = await seed(uncached, 'postgres');
      const member = browser(cached);
      await member.send('POST', '/sign-in', { email: b.memberEmail, password: PASSWORD });
      const a = { ...b, member };
      const setupSeconds = (performance.now() - started) / 1000;
      await runDatabase('PostgreSQL (both instances over one database)', {
        cached: { auth: cached, ...a },
        uncached: { auth: uncached, ...b },
        tables,
        summary,
        setupSeconds,
      });
    } finally {
      await cached?.api.close();
      await uncached?.api.close();
      postgres.stop();
    }
  }

  const cpus = availableParallelism();
  const busy = Math.max(loadBefore, loadavg()[0]) > cpus;
  summary.push(
    `calls/s = calls / time inside the calls (the result check runs outside it); each target ${API_RUN.measureMs / 1000} s (api) or ${HTTP_RUN.measureMs / 1000} s (handler) after ${API_RUN.warmupMs / 1000} s / ${HTTP_RUN.warmupMs / 1000} s warm-up, alternating in ${BLOCK_MS} ms blocks`,
    `seeded identity: user labels, org labels + plan "pro", membership (member + labels delta), 3 groups (one granting custom role "auditor"), a per-user entitlement override; every result checked against it`,
    `machine: ${cpus} CPUs; Node ${process.version}; load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)}${busy ? ' -- machine busy, rerun on an idle machine' : ''}`,
    'ratios are informational: the bench never fails because of them',
  );
  return {
    title:
      'me.effective: identity cache (default, 300 s) vs computed from the store every call (identityCacheSeconds: 0)',
    tables,
    summary,
  };
}

async function runDatabase(name, { cached, uncached, tables, summary, setupSeconds }) {
  const apiTargets = [apiTarget('cached', cached), apiTarget('uncached', uncached)];
  const httpTargets = [httpTarget('cached', cached), httpTarget('uncached', uncached)];
  for (const target of [...apiTargets, ...httpTargets]) await target.preCheck();
  await checkModes(cached, uncached);

  const api = await measure(apiTargets, API_RUN);
  const http = await measure(httpTargets, HTTP_RUN);
  const all = [...apiTargets, ...httpTargets];
  const stats = [...api, ...http];
  tables.push({
    caption: `${name}`,
    rows: all.map((t, i) => ({ target: t.label, ...row(stats[i]) })),
  });
  const line = (what, [c, u]) => {
    const speedUp = rate(c) / rate(u);
    return (
      `${name.split(' ')[0]} ${what}: cached ${fmtRate(rate(c))} vs uncached ${fmtRate(rate(u))} calls/s = ${speedUp.toFixed(1)}x;` +
      ` p50 ${us(percentile(c, 50))} vs ${us(percentile(u, 50))} µs (${(percentile(u, 50) / percentile(c, 50)).toFixed(1)}x),` +
      ` p99 ${us(percentile(c, 99))} vs ${us(percentile(u, 99))} µs (${(percentile(u, 99) / percentile(c, 99)).toFixed(1)}x)`
    );
  };
  summary.push(
    line('api.effective', api),
    line('GET /me/effective', http),
    `  setup (start, migrate, seed through the API): ${setupSeconds.toFixed(1)} s`,
  );
}

/** The modes are what they claim: the cache serves one stored object, the store a fresh one. */
/** Store reads a second call makes: 0 when served from the cache (results are copies now). */
async function readsOfRepeat({ auth, userId, orgId }) {
  const store = await auth.api.store();
  const original = store.users.findById;
  let reads = 0;
  store.users.findById = (...args) => {
    reads += 1;
    return original.apply(store.users, args);
  };
  try {
    await auth.api.effective(userId, orgId);
    reads = 0;
    await auth.api.effective(userId, orgId);
    return reads;
  } finally {
    store.users.findById = original;
  }
}

async function checkModes(cached, uncached) {
  if ((await readsOfRepeat(cached)) !== 0) {
    throw new Error('cached instance: a repeat call read the store');
  }
  if ((await readsOfRepeat(uncached)) === 0) {
    throw new Error('uncached instance: a repeat call did not read the store');
  }
}

// --- seeding through the public API and the handler -------------------------------------------

/** A browser on the in-process handler: keeps cookies, sends Origin like a same-site page. */
function browser(auth) {
  const jar = new Map();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    cookie,
    async send(method, path, body) {
      const headers = { origin: BASE_URL };
      if (jar.size) headers.cookie = cookie();
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await auth.handler(
        new Request(`${API}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        CONNECTION,
      );
      for (const set of res.headers.getSetCookie()) {
        const [pair, ...attributes] = set.split(';');
        const eq = pair.indexOf('=');
        const [key, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1)];
        const gone = !value || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
        if (gone) jar.delete(key);
        else jar.set(key, value);
      }
      const text = await res.text();
      if (!res.ok)
        throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : null;
    },
  };
}

/**
 * An owner creates the org and its tenancy data over HTTP; the measured user is a plain member
 * whose identity draws on every layer. Returns the ids, the expected identity and the member's
 * signed-in browser.
 */
async function seed(auth, tag) {
  await auth.api.ready();
  const ownerEmail = `owner-${tag}@example.com`;
  const memberEmail = `member-${tag}@example.com`;
  const owner = browser(auth);
  await owner.send('POST', '/sign-up', { email: ownerEmail, password: PASSWORD, name: 'Owner' });
  await owner.send('POST', '/sign-in', { email: ownerEmail, password: PASSWORD });
  const member = browser(auth);
  const { user } = await member.send('POST', '/sign-up', {
    email: memberEmail,
    password: PASSWORD,
    name: 'Member',
  });
  await member.send('POST', '/sign-in', { email: memberEmail, password: PASSWORD });
  const userId = user.id;

  await auth.api.setUserLabels(userId, SEED.userLabels);
  const org = await owner.send('POST', '/orgs', { name: 'Bench Effective', slug: `bench-${tag}` });
  const orgId = org.id;
  const o = `/orgs/${encodeURIComponent(orgId)}`;
  await auth.api.setOrgPlan(orgId, 'pro');
  await owner.send('PUT', `${o}/labels`, { labels: SEED.orgLabels });
  await owner.send('POST', `${o}/roles`, SEED.role);
  await owner.send('POST', `${o}/members`, { userId, roles: ['member'] });
  await owner.send('PATCH', `${o}/members/${userId}`, { labelsDelta: SEED.labelsDelta });
  const groupIds = [];
  for (const group of SEED.groups) {
    const created = await owner.send('POST', `${o}/groups`, group);
    await owner.send('PUT', `${o}/groups/${created.id}/members/${userId}`, {});
    groupIds.push(created.id);
  }
  // Granting beyond the plan (beta-dashboard, higher limits) is billing's call, not an HTTP one.
  await auth.api.setEntitlementOverride(orgId, userId, SEED.override);

  const ids = { userId, orgId, groupIds };
  return { ...ids, memberEmail, member, expected: expectedIdentity(ids) };
}

// --- targets ----------------------------------------------------------------------------------

function apiTarget(mode, { auth, userId, orgId, expected }) {
  const check = (identity) =>
    isDeepStrictEqual(identity, expected)
      ? null
      : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(identity)}`;
  return {
    label: `api.effective(userId, orgId), ${mode}`,
    run: () => auth.api.effective(userId, orgId),
    check,
    async preCheck() {
      const problem = check(await auth.api.effective(userId, orgId));
      if (problem) throw new Error(`api.effective, ${mode}: ${problem}`);
    },
  };
}

function httpTarget(mode, { auth, orgId, member, expected }) {
  const url = `${API}/me/effective?org=${encodeURIComponent(orgId)}`;
  const cookie = member.cookie();
  const check = ({ status, text }) => {
    if (status !== 200) return `status ${status}: ${text.slice(0, 300)}`;
    const body = JSON.parse(text);
    return isDeepStrictEqual(body, expected)
      ? null
      : `expected ${JSON.stringify(expected)}, got ${text.slice(0, 500)}`;
  };
  const run = async () => {
    const res = await auth.handler(new Request(url, { headers: { cookie } }), CONNECTION);
    return { status: res.status, text: await res.text() };
  };
  return {
    label: `GET /me/effective?org= (handler), ${mode}`,
    // Timed: the Request, the handler (session check included) and reading the body.
    run,
    check,
    async preCheck() {
      const problem = check(await run());
      if (problem) throw new Error(`GET /me/effective, ${mode}: ${problem}`);
    },
  };
}

// --- measuring --------------------------------------------------------------------------------

/**
 * Sequential calls for a fixed wall time per target: warm-up (discarded), then the measured run,
 * the targets taking turns in blocks of BLOCK_MS (the first of each round rotates). Only the call
 * is timed; its result is checked right after, outside the timing. Returns sorted latencies (ms).
 */
async function measure(targets, { warmupMs, measureMs }) {
  const samples = targets.map(() => []);
  for (const [budget, keep] of [
    [warmupMs, false],
    [measureMs, true],
  ]) {
    const spent = targets.map(() => 0);
    for (let round = 0; spent.some((s) => s < budget); round++) {
      for (let k = 0; k < targets.length; k++) {
        const i = (k + round) % targets.length;
        if (spent[i] >= budget) continue;
        const target = targets[i];
        const into = samples[i];
        const blockStart = performance.now();
        const blockEnd = blockStart + Math.min(BLOCK_MS, budget - spent[i]);
        for (let now = blockStart; now < blockEnd; now = performance.now()) {
          const started = performance.now();
          const result = await target.run();
          const ms = performance.now() - started;
          const problem = target.check(result);
          if (problem) throw new Error(`${target.label}: ${problem}`);
          if (keep) into.push(ms);
        }
        spent[i] += performance.now() - blockStart;
      }
    }
  }
  return samples.map((s) => Float64Array.from(s).sort());
}

const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const sum = (sorted) => sorted.reduce((a, b) => a + b, 0);
/** Calls per second of time spent inside the calls. */
const rate = (sorted) => sorted.length / (sum(sorted) / 1000);
const us = (ms) => {
  const x = ms * 1000;
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString();
};
const fmtRate = (x) => Math.round(x).toLocaleString('en');

function row(sorted) {
  return {
    'calls/s': fmtRate(rate(sorted)),
    'p50 (µs)': us(percentile(sorted, 50)),
    'p99 (µs)': us(percentile(sorted, 99)),
    'mean (µs)': us(sum(sorted) / sorted.length),
    calls: sorted.length,
  };
}
