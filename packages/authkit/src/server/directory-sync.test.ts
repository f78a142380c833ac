import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, PASSWORD } from '../../test/instances.js';
import { member, ok, orgOf, txtRecords, type Browser } from '../../test/tenancy-fixtures.js';
import {
  AUTHENTIK_BASE,
  authentikGroup,
  authentikUser,
  createAuthentikMock,
  type AuthentikMock,
} from '../adapters/directory/testing/authentik-mock.js';
import {
  createKeycloakMock,
  KEYCLOAK_BASE,
  keycloakUser,
  REALM,
} from '../adapters/directory/testing/keycloak-mock.js';
import { serveHandlers } from '../adapters/directory/testing/serve-handlers.js';
import type { DirectorySyncStats } from '../domain/directory-sync.js';
import type { TestInstance } from '../testing/create-test-instance.js';

// An org syncs its Authentik (or Keycloak) into members and groups. The directories are the
// schema-checked MSW fakes served over loopback HTTP (allowed through ssoAllowedNetworks), so
// the whole server path runs: network guard, sealed credential, adapter, one transaction.
const API = 'http://localhost:3000/api/auth';
const JSON_HEADERS = { 'content-type': 'application/json' };
const TOKEN = 'ak-api-token-0123456789';
// Authentik's group keys are UUIDs.
const ENG = randomUUID();
const WEB = randomUUID();
const OPS = randomUUID();

type Stats = DirectorySyncStats;

describe.each(DRIVERS)('directory sync (%s)', (driver) => {
  const domain = `dir${Date.now().toString(36)}.example.org`;
  const dns = txtRecords();
  let authentik: AuthentikMock;
  let served: Awaited<ReturnType<typeof serveHandlers>>;
  let t: TestInstance;
  let owner: Browser;
  let orgId: string;

  beforeAll(async () => {
    authentik = createAuthentikMock();
    served = await serveHandlers(authentik.handlers, AUTHENTIK_BASE);
    t = await instanceOn(driver, {
      dnsResolver: dns.dnsResolver,
      ssoAllowedNetworks: ['127.0.0.1/32'],
      adminEmail: `ops@${domain}`,
      adminPassword: PASSWORD,
      idpTimeoutSeconds: 2,
    });
    owner = await member(t, 'owner');
    orgId = (await orgOf(owner, 'Directory Org')).id;
    await dns.verify(owner, orgId, domain);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await served?.close();
  });

  const call = (browser: Browser, method: string, path: string, body?: unknown) =>
    browser.fetch(`${API}/orgs/${orgId}/directory${path}`, {
      method,
      headers: JSON_HEADERS,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const sync = async () => {
    const res = await call(owner, 'POST', '/sync');
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body as { lastRun: { status: string; stats: Stats } };
  };
  const members = async () => {
    const page = ok(await owner.client.orgs.listMembers(orgId, { limit: 100 }));
    return new Map(page.members.map((m) => [m.email, m.roles]));
  };
  const groups = async () => {
    const page = ok(await owner.client.groups.list(orgId, { limit: 100 }));
    return new Map(page.groups.map((g) => [g.name, g]));
  };
  const groupMembers = async (groupId: string) => {
    const page = ok(await owner.client.groups.listMembers(orgId, groupId, { limit: 100 }));
    return page.members.map((m) => m.email).sort();
  };

  it('is connected by the owner only, and never shows its credential', async () => {
    const admin = await member(t, 'admin');
    ok(await owner.client.orgs.addMember(orgId, { userId: admin.userId, roles: ['admin'] }));
    const body = { provider: 'authentik', baseUrl: served.url, credential: TOKEN };
    expect((await call(admin, 'PUT', '', body)).status).toBe(403);
    expect((await call(admin, 'GET', '')).status).toBe(403);
    const outsider = await member(t, 'outsider');
    expect((await call(outsider, 'PUT', '', body)).status).toBe(404);

    const res = await call(owner, 'PUT', '', { ...body, baseUrl: `${served.url}/` });
    const saved = await res.json();
    expect(res.status, JSON.stringify(saved)).toBe(200);
    expect(saved).toMatchObject({
      id: expect.stringMatching(/^dir_/),
      provider: 'authentik',
      baseUrl: served.url,
      defaultRole: 'member',
      intervalMinutes: null,
      deprovision: true,
      lastRun: null,
    });
    const read = await (await call(owner, 'GET', '')).json();
    expect(read.connection.id).toBe(saved.id);
    expect(JSON.stringify([saved, read])).not.toContain(TOKEN);
  });

  it('syncs users at the verified domains into members and groups into org groups', async () => {
    // An account already at the domain, whose owner proved the address: linked, not duplicated.
    const existingEmail = `kim@${domain}`;
    await t.authkit.api.createUser({ email: existingEmail, password: PASSWORD });
    const store = await t.authkit.api.store();
    const kim = (await store.users.findByEmail(existingEmail))!;
    await store.users.markEmailVerified(kim.id, new Date());
    await t.authkit.api.createUser({ email: `unproven@${domain}`, password: PASSWORD });

    authentik.state.groups.push(
      authentikGroup(ENG, 'Engineering'),
      authentikGroup(WEB, 'Web', { parents: [ENG] }),
      authentikGroup(OPS, 'Ops'),
    );
    authentik.state.users.push(
      authentikUser(1, { email: `ann@${domain}`, name: 'Ann', groups: [ENG] }),
      authentikUser(2, { email: `Bob@${domain.toUpperCase()}`, name: 'Bob', groups: [WEB] }),
      authentikUser(3, { email: existingEmail, groups: [OPS, ENG] }),
      authentikUser(4, { email: `gone@${domain}`, is_active: false }),
      authentikUser(5, { email: 'someone@elsewhere.example.com' }),
      authentikUser(6, { email: `unproven@${domain}` }),
      authentikUser(7, { email: `ops@${domain}` }),
    );

    const after = await sync();
    expect(after.lastRun).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    expect(after.lastRun.stats).toMatchObject({
      usersCreated: 2,
      usersLinked: 1,
      membersAdded: 3,
      membersRemoved: 0,
      skipped: {
        inactive: 1,
        outside_domains: 1,
        unverified_account: 1,
        operator: 1,
      },
      groupsCreated: 3,
      groupMembersAdded: 4,
    });
    const roster = await members();
    expect(roster.get(`ann@${domain}`)).toEqual(['member']);
    expect(roster.get(`bob@${domain}`)).toEqual(['member']);
    expect(roster.get(existingEmail)).toEqual(['member']);
    for (const absent of [`gone@${domain}`, `unproven@${domain}`, `ops@${domain}`]) {
      expect(roster.has(absent)).toBe(false);
    }
    const mirrored = await groups();
    expect(mirrored.get('Web')?.parentId).toBe(mirrored.get('Engineering')?.id);
    expect(await groupMembers(mirrored.get('Engineering')!.id)).toEqual(
      [`ann@${domain}`, existingEmail].sort(),
    );
    expect(await groupMembers(mirrored.get('Web')!.id)).toEqual([`bob@${domain}`]);

    // A second run with nothing changed changes nothing.
    expect((await sync()).lastRun.stats).toMatchObject({
      usersCreated: 0,
      usersLinked: 0,
      membersAdded: 0,
      groupsCreated: 0,
      groupsUpdated: 0,
      groupMembersAdded: 0,
      groupMembersRemoved: 0,
    });

    const audit = ok(await owner.client.audit.org(orgId).list({ action: 'directory.synced' }));
    expect(audit.events.length).toBe(2);
    // The run's changes are audited (one batch, still one intact chain) and are webhook events.
    const added = ok(await owner.client.audit.org(orgId).list({ action: 'membership.added' }));
    const viaDirectory = added.events.filter((e) => e.data['via'] === 'directory');
    expect(viaDirectory).toHaveLength(3);
    expect(await store.audit.verify(orgId)).toMatchObject({ break: null });
    const outbox = await store.outbox.list({ orgId, limit: 1_000 });
    expect(
      outbox.filter((e) => e.type === 'membership.added' && e.data['via'] === 'directory'),
    ).toHaveLength(3);
  });

  it('follows the directory: disabled users leave, renamed and removed groups follow, owners and hand-added members stay', async () => {
    const hand = await member(t, 'hand');
    ok(await owner.client.orgs.addMember(orgId, { userId: hand.userId, roles: ['member'] }));
    const ops = (await groups()).get('Ops')!;
    ok(await owner.client.groups.setMember(orgId, ops.id, hand.userId));
    // A synced user made an owner by hand: a directory never takes an owner out.
    const store = await t.authkit.api.store();
    const bob = (await store.users.findByEmail(`bob@${domain}`))!;
    ok(await owner.client.orgs.updateMember(orgId, bob.id, { roles: ['owner'] }));
    authentik.state.users.find((u) => u.pk === 2)!.is_active = false;
    // Kim re-created in the directory under a new id: the account moves to it, staying a member.
    authentik.state.users.find((u) => u.pk === 3)!.pk = 30;
    const ann = authentik.state.users.find((u) => u.pk === 1)!;
    ann.is_active = false;
    authentik.state.groups.find((g) => g.pk === ENG)!.name = 'Engineering Team';
    authentik.state.groups.splice(
      authentik.state.groups.findIndex((g) => g.pk === OPS),
      1,
    );
    for (const u of authentik.state.users) {
      u.groups = (u.groups as string[]).filter((g) => g !== OPS);
    }

    const stats = (await sync()).lastRun.stats;
    expect(stats).toMatchObject({ membersRemoved: 1, groupsUpdated: 1, groupsDeleted: 1 });
    const roster = await members();
    expect(roster.has(`ann@${domain}`)).toBe(false);
    expect(roster.has(hand.email)).toBe(true);
    expect(roster.get(`kim@${domain}`)).toEqual(['member']);
    const mirrored = await groups();
    expect(mirrored.has('Engineering Team')).toBe(true);
    expect(mirrored.has('Ops')).toBe(false);

    expect(roster.get(`bob@${domain}`)).toEqual(['owner']);
  });

  it('refuses bad settings after the access check, with the field named', async () => {
    const bad = async (body: Record<string, unknown>, field: string, code = 'invalid_request') => {
      const res = await call(owner, 'PUT', '', body);
      const problem = await res.json();
      expect(res.status, JSON.stringify(problem)).toBe(400);
      expect(problem).toMatchObject({ code, field });
    };
    await bad(
      { provider: 'authentik', baseUrl: 'http://10.0.0.8', credential: TOKEN },
      'baseUrl',
      'invalid_issuer',
    );
    await bad(
      { provider: 'authentik', baseUrl: 'https://user:pw@example.com', credential: TOKEN },
      'baseUrl',
    );
    await bad({ provider: 'authentik', baseUrl: 'not a url', credential: TOKEN }, 'baseUrl');
    await bad(
      { provider: 'keycloak', baseUrl: served.url, clientId: 'c', credential: 's' },
      'realm',
    );
    await bad(
      { provider: 'keycloak', baseUrl: served.url, realm: 'acme', credential: 's' },
      'clientId',
    );
    await bad(
      { provider: 'authentik', baseUrl: served.url, defaultRole: 'owner', credential: TOKEN },
      'defaultRole',
    );
    await bad(
      { provider: 'authentik', baseUrl: served.url, defaultRole: 'nope', credential: TOKEN },
      'defaultRole.0',
      'unknown_role',
    );
    // Another address with the stored token: the token is never sent elsewhere.
    await bad({ provider: 'authentik', baseUrl: 'http://127.0.0.1:9' }, 'credential');
    const short = await call(owner, 'PUT', '', {
      provider: 'authentik',
      baseUrl: served.url,
      intervalMinutes: 5,
    });
    expect(short.status).toBe(400);
    expect((await short.json()).field).toBe('intervalMinutes');
    // Nothing above changed the saved connection.
    const read = await (await call(owner, 'GET', '')).json();
    expect(read.connection).toMatchObject({ baseUrl: served.url, defaultRole: 'member' });
  });

  it('answers 502 when the directory fails, records the run, and writes nothing', async () => {
    const before = await members();
    authentik.override = (operationId) =>
      operationId === 'core_groups_list'
        ? new Response('{"detail":"no"}', { status: 403 })
        : undefined;
    const res = await call(owner, 'POST', '/sync');
    const problem = await res.json();
    expect(res.status).toBe(502);
    expect(problem.code).toBe('idp_unavailable');
    expect(JSON.stringify(problem)).not.toContain(TOKEN);
    authentik.override = null;
    const read = await (await call(owner, 'GET', '')).json();
    expect(read.connection.lastRun).toMatchObject({
      status: 'failed',
      errorCode: 'permission_denied',
      stats: null,
    });
    // On demand only: a failure schedules no retry of its own.
    expect(read.connection).toMatchObject({ intervalMinutes: null, nextRunAt: null });
    expect(await members()).toEqual(before);

    // An empty listing where members were is not taken as everyone leaving.
    const saved = authentik.state.users.splice(0);
    const empty = await call(owner, 'POST', '/sync');
    expect(empty.status).toBe(502);
    authentik.state.users.push(...saved);
    expect(await members()).toEqual(before);
  });

  it('runs one sync at a time per org', async () => {
    // The first run is held inside its read, so the second surely arrives while it runs.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reading!: () => void;
    const started = new Promise<void>((resolve) => (reading = resolve));
    authentik.override = async (operationId) => {
      if (operationId !== 'core_users_list') return undefined;
      reading();
      await held;
      return undefined;
    };
    const first = call(owner, 'POST', '/sync');
    await started;
    const second = await call(owner, 'POST', '/sync');
    expect(second.status).toBe(409);
    expect((await second.json()).code).toBe('sync_in_progress');
    release();
    authentik.override = null;
    expect((await first).status).toBe(200);
  });

  it('runs scheduled syncs when due, and not before', async () => {
    const put = await call(owner, 'PUT', '', {
      provider: 'authentik',
      baseUrl: served.url,
      intervalMinutes: 60,
    });
    expect(put.status).toBe(200);
    expect((await put.json()).nextRunAt).not.toBeNull();
    expect(await t.authkit.api.directory.runDue()).toBe(1);
    const read = await (await call(owner, 'GET', '')).json();
    expect(read.connection.lastRun).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
    expect(Date.parse(read.connection.nextRunAt)).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(await t.authkit.api.directory.runDue()).toBe(0);
  });

  it('disconnects: members and mirrored groups stay', async () => {
    const before = await members();
    expect((await call(owner, 'DELETE', '')).status).toBe(204);
    expect((await (await call(owner, 'GET', '')).json()).connection).toBeNull();
    expect((await call(owner, 'POST', '/sync')).status).toBe(404);
    expect(await members()).toEqual(before);
    expect((await groups()).has('Engineering Team')).toBe(true);
  });
});

describe('directory sync from Keycloak (pglite)', () => {
  const domain = `kc${Date.now().toString(36)}.example.org`;
  const dns = txtRecords();
  let t: TestInstance;
  let served: Awaited<ReturnType<typeof serveHandlers>>;

  beforeAll(async () => {
    const keycloak = createKeycloakMock();
    keycloak.users.push(
      keycloakUser('u-ann', { email: `ann@${domain}` }),
      keycloakUser('u-bob', { email: `bob@${domain}` }),
      keycloakUser('u-off', { email: `off@${domain}`, enabled: false }),
    );
    keycloak.groups.push(
      { id: 'g-sales', name: 'Sales', path: '/Sales', members: ['u-ann'] },
      { id: 'g-emea', name: 'EMEA', path: '/Sales/EMEA', parentId: 'g-sales', members: ['u-bob'] },
    );
    served = await serveHandlers(keycloak.handlers, KEYCLOAK_BASE);
    t = await instanceOn('pglite', {
      dnsResolver: dns.dnsResolver,
      ssoAllowedNetworks: ['127.0.0.1/32'],
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await served?.close();
  });

  it('reads users, groups and their members with client credentials', async () => {
    const owner = await member(t, 'owner');
    const orgId = (await orgOf(owner, 'Keycloak Org')).id;
    await dns.verify(owner, orgId, domain);
    const put = await owner.fetch(`${API}/orgs/${orgId}/directory`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        provider: 'keycloak',
        baseUrl: served.url,
        realm: REALM,
        clientId: 'catalyst-sync',
        credential: 'sync-secret',
        defaultRole: 'admin',
      }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const res = await owner.fetch(`${API}/orgs/${orgId}/directory/sync`, { method: 'POST' });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.lastRun.stats).toMatchObject({
      usersCreated: 2,
      membersAdded: 2,
      skipped: { inactive: 1 },
      groupsCreated: 2,
      groupMembersAdded: 2,
    });
    const roster = ok(await owner.client.orgs.listMembers(orgId, { limit: 10 }));
    expect(roster.members.find((m) => m.email === `bob@${domain}`)?.roles).toEqual(['admin']);
    const mirrored = ok(await owner.client.groups.list(orgId, { limit: 10 })).groups;
    const sales = mirrored.find((g) => g.name === 'Sales')!;
    expect(mirrored.find((g) => g.name === 'EMEA')?.parentId).toBe(sales.id);
  });
});
