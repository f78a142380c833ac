/* global Request, performance */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { createAuthkit } from '@catalyst/authkit/server';
import { createAuthentikDirectory, iteratePages } from '@catalyst/authkit/adapters/directory';

// BENCH_QUICK=1 shortens the run for a smoke test (numbers then mean little).
const QUICK = process.env.BENCH_QUICK === '1';
const USERS = QUICK ? 200 : 2_000;
const GROUPS = QUICK ? 10 : 40;
const ROUNDS = QUICK ? 2 : 5;
const DOMAIN = 'bench.example.org';
const NOW = '2026-11-30T10:00:00Z';

/**
 * Directory sync of an Authentik with USERS users in GROUPS groups (each user in two), served
 * over loopback HTTP in Authentik's paginated shape, into an org on embedded PGlite.
 * Ours: `authkit.api.directory.sync(orgId)`: the first run (every account made, every member
 * and group added) and steady runs (nothing changed: everything read, compared, nothing written).
 * Baseline: reading the same directory with the adapter alone (`iteratePages` over users and
 * groups), the part of a run no sync can skip. The ratio is what the writing side adds.
 */
export async function directoryBench() {
  const loadBefore = loadavg()[0];
  const directory = fakeAuthentik();
  const server = await directory.listen();
  const auth = createAuthkit({
    secret: randomBytes(32).toString('base64url'),
    baseUrl: 'http://localhost:3000',
    dataDir: 'memory://bench-directory',
    ssoAllowedNetworks: ['127.0.0.1/32'],
  });
  try {
    await auth.api.ready();
    const cookie = await owner(auth);
    const org = await send(auth, cookie, 'POST', '/orgs', {
      name: 'Bench',
      slug: `bench-${Date.now().toString(36)}`,
    });
    const orgId = org.id;
    const store = await auth.api.store();
    const scoped = store.orgs.scoped(orgId);
    const domain = await scoped.domains.create({
      id: `dom_${randomUUID()}`,
      domain: DOMAIN,
      mode: 'suggest',
      verificationToken: 'bench',
    });
    await scoped.domains.markVerified(domain.id, new Date());
    // Through the API, as an owner would: the credential is sealed on the way in.
    await send(auth, cookie, 'PUT', `/orgs/${orgId}/directory`, {
      provider: 'authentik',
      baseUrl: server.url,
      credential: 'bench-token',
    });
    const sync = auth.api.directory;

    const read = async () => {
      const adapter = createAuthentikDirectory({ baseUrl: server.url, token: 'bench-token' });
      let n = 0;
      for await (const _ of iteratePages((r) => adapter.listUsers(r), { limit: 500 })) n += 1;
      for await (const _ of iteratePages((r) => adapter.listGroups(r), { limit: 500 })) n += 1;
      return n;
    };
    const time = async (fn) => {
      const started = performance.now();
      const result = await fn();
      return { ms: performance.now() - started, result };
    };

    await read(); // warm the client and the connection
    const first = await time(() => sync.sync(orgId));
    const stats = first.result.lastRun?.stats;
    if (!stats || stats.membersAdded !== USERS) {
      throw new Error(`first sync added ${stats?.membersAdded} members, expected ${USERS}`);
    }
    const steady = [];
    const reads = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      reads.push((await time(read)).ms);
      const run = await time(() => sync.sync(orgId));
      if (run.result.lastRun?.stats?.membersAdded !== 0)
        throw new Error('a steady run changed members');
      steady.push(run.ms);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const readMs = median(reads);
    const steadyMs = median(steady);
    return {
      title: `Directory sync: ${USERS.toLocaleString('en')} Authentik users in ${GROUPS} groups into one org (PGlite, loopback HTTP)`,
      table: [
        {
          target: 'first sync (all created and joined)',
          'median ms': first.ms.toFixed(0),
          'ms / user': (first.ms / USERS).toFixed(2),
        },
        {
          target: `steady sync, nothing changed (median of ${ROUNDS})`,
          'median ms': steadyMs.toFixed(0),
          'ms / user': (steadyMs / USERS).toFixed(2),
        },
        {
          target: `baseline: adapter reads users and groups (median of ${ROUNDS})`,
          'median ms': readMs.toFixed(0),
          'ms / user': (readMs / USERS).toFixed(2),
        },
      ],
      summary: [
        `steady sync / read alone: ${(steadyMs / readMs).toFixed(2)}x; first sync / read alone: ${(first.ms / readMs).toFixed(2)}x`,
        `first run: ${stats.usersCreated} accounts made, ${stats.groupsCreated} groups, ${stats.groupMembersAdded} group places`,
        `load average before: ${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)}`,
      ],
    };
  } finally {
    await auth.api.close();
    await server.close();
  }
}

const API = 'http://localhost:3000/api/auth';
const PASSWORD = 'correct horse battery';

async function send(auth, cookie, method, path, body) {
  const res = await auth.handler(
    new Request(`${API}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost:3000',
        ...(cookie ? { cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { ip: '127.0.0.1' },
  );
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { res, json: text ? JSON.parse(text) : null, ...JSON.parse(text || '{}') };
}

/** Signs an owner up and in; returns the Cookie header a browser would send back. */
async function owner(auth) {
  const email = `owner-${Date.now().toString(36)}@bench.example.com`;
  await send(auth, null, 'POST', '/sign-up', { email, password: PASSWORD });
  const { res } = await send(auth, null, 'POST', '/sign-in', { email, password: PASSWORD });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Authentik's users and groups lists, paginated as Authentik answers them. */
function fakeAuthentik() {
  const groups = Array.from({ length: GROUPS }, (_, i) => ({
    pk: randomUUID(),
    num_pk: i + 1,
    name: `Group ${i + 1}`,
    is_superuser: false,
    parents: [],
    parents_obj: null,
    users: [],
    users_obj: null,
    attributes: {},
    roles: [],
    roles_obj: [],
    children: [],
    children_obj: null,
  }));
  const users = Array.from({ length: USERS }, (_, i) => ({
    pk: i + 1,
    username: `user${i + 1}`,
    name: `User ${i + 1}`,
    is_active: true,
    last_login: NOW,
    date_joined: NOW,
    is_superuser: false,
    groups: [groups[i % GROUPS].pk, groups[(i * 7 + 3) % GROUPS].pk].filter(
      (g, j, a) => a.indexOf(g) === j,
    ),
    groups_obj: null,
    roles: [],
    roles_obj: null,
    email: `user${i + 1}@${DOMAIN}`,
    avatar: '',
    attributes: {},
    uid: `uid${i + 1}`,
    path: 'users',
    type: 'internal',
    uuid: randomUUID(),
    password_change_date: NOW,
    last_updated: NOW,
  }));
  const page = (rows, url) => {
    const size = Number(url.searchParams.get('page_size') ?? 20);
    const current = Number(url.searchParams.get('page') ?? 1);
    const total = Math.max(1, Math.ceil(rows.length / size));
    const results = rows.slice((current - 1) * size, current * size);
    return {
      pagination: {
        next: current < total ? current + 1 : 0,
        previous: current > 1 ? current - 1 : 0,
        count: rows.length,
        current,
        total_pages: total,
        start_index: results.length ? (current - 1) * size + 1 : 0,
        end_index: results.length ? (current - 1) * size + results.length : 0,
      },
      results,
      autocomplete: {},
    };
  };
  return {
    listen: async () => {
      const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const rows =
          url.pathname === '/api/v3/core/users/'
            ? users
            : url.pathname === '/api/v3/core/groups/'
              ? groups
              : null;
        if (!rows || req.headers.authorization !== 'Bearer bench-token') {
          res.writeHead(rows ? 401 : 404).end();
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(page(rows, url)));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((resolve) => server.close(resolve)),
      };
    },
  };
}
