import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';

type Browser = ReturnType<TestInstance['newBrowser']> & { userId: string };
type Role = 'owner' | 'admin' | 'member';
// A public address literal: the network guard needs no DNS for it.
const DIRECTORY = { provider: 'authentik', baseUrl: 'https://93.184.215.14', credential: 'token' };
/** A loopback receiver the instance allows; nothing delivers to it in this suite. */
const HOOK_URL = 'http://127.0.0.1:9/hook';
/** A 1×1 PNG: the logo upload takes raw image bytes, not JSON. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWP4//8/AAX+Av5Y8msOAAAAAElFTkSuQmCC',
  'base64',
);
let n = 0;

/** What each built-in role may do (DESIGN §10): the expected status per role. */
const TABLE: Array<{
  op: string;
  /** `owner` prepares what the call needs (a group, a role, an invitation…) first. */
  call: (actor: Browser, orgId: string, target: string, owner: Browser) => Promise<Response>;
  expect: Record<Role, number>;
}> = [
  {
    op: 'orgs.get',
    call: (a, o) => req(a, 'GET', `/orgs/${o}`),
    expect: { owner: 200, admin: 200, member: 200 },
  },
  {
    op: 'orgs.update',
    call: (a, o) => req(a, 'PATCH', `/orgs/${o}`, { name: 'Renamed' }),
    expect: { owner: 200, admin: 200, member: 403 },
  },
  {
    op: 'orgs.uploadLogo',
    call: (a, o) =>
      a.fetch(`/api/auth/orgs/${o}/logo`, {
        method: 'PUT',
        headers: { 'content-type': 'image/png' },
        body: PNG,
      }),
    expect: { owner: 200, admin: 200, member: 403 },
  },
  {
    op: 'orgs.deleteLogo',
    call: (a, o) => req(a, 'DELETE', `/orgs/${o}/logo`),
    expect: { owner: 204, admin: 204, member: 403 },
  },
  {
    op: 'orgs.listMembers',
    call: (a, o) => req(a, 'GET', `/orgs/${o}/members`),
    expect: { owner: 200, admin: 200, member: 200 },
  },
  {
    op: 'memberships.update (to admin)',
    call: (a, o, t) => req(a, 'PATCH', `/orgs/${o}/members/${t}`, { roles: ['admin'] }),
    expect: { owner: 200, admin: 200, member: 403 },
  },
  {
    op: 'memberships.update (to owner)',
    call: (a, o, t) => req(a, 'PATCH', `/orgs/${o}/members/${t}`, { roles: ['owner'] }),
    expect: { owner: 200, admin: 403, member: 403 },
  },
  {
    op: 'memberships.remove (another member)',
    call: (a, o, t) => req(a, 'DELETE', `/orgs/${o}/members/${t}`),
    expect: { owner: 204, admin: 204, member: 403 },
  },
  {
    op: 'orgs.delete',
    call: (a, o) => req(a, 'DELETE', `/orgs/${o}`),
    expect: { owner: 204, admin: 403, member: 403 },
  },
  // Tenancy resources. `made` has the org owner create the resource the call addresses.
  // The target is a member already: 409 already_member means the permission passed.
  ...rows(
    'memberships.add',
    (a, o, t) => req(a, 'POST', `/orgs/${o}/members`, { userId: t, roles: ['member'] }),
    [409, 409, 403],
  ),
  ...rows('groups.list', (a, o) => req(a, 'GET', `/orgs/${o}/groups`), [200, 200, 200]),
  ...rows(
    'groups.create',
    (a, o) => req(a, 'POST', `/orgs/${o}/groups`, { name: 'G' }),
    [201, 201, 403],
  ),
  ...rows(
    'groups.get',
    async (a, o, _t, w) => req(a, 'GET', `/orgs/${o}/groups/${await made.group(w, o)}`),
    [200, 200, 200],
  ),
  ...rows(
    'groups.update',
    async (a, o, _t, w) =>
      req(a, 'PATCH', `/orgs/${o}/groups/${await made.group(w, o)}`, { name: 'H' }),
    [200, 200, 403],
  ),
  ...rows(
    'groups.delete',
    async (a, o, _t, w) => req(a, 'DELETE', `/orgs/${o}/groups/${await made.group(w, o)}`),
    [204, 204, 403],
  ),
  ...rows(
    'groups.listMembers',
    async (a, o, _t, w) => req(a, 'GET', `/orgs/${o}/groups/${await made.group(w, o)}/members`),
    [200, 200, 200],
  ),
  ...rows(
    'groups.setMember',
    async (a, o, t, w) =>
      req(a, 'PUT', `/orgs/${o}/groups/${await made.group(w, o)}/members/${t}`, {}),
    [200, 200, 403],
  ),
  ...rows(
    'groups.removeMember',
    async (a, o, t, w) =>
      req(a, 'DELETE', `/orgs/${o}/groups/${await made.group(w, o, t)}/members/${t}`),
    [204, 204, 403],
  ),
  ...rows('roles.list', (a, o) => req(a, 'GET', `/orgs/${o}/roles`), [200, 200, 200]),
  ...rows(
    'roles.create',
    (a, o) => req(a, 'POST', `/orgs/${o}/roles`, { name: 'reader', permissions: ['org:read'] }),
    [201, 201, 403],
  ),
  ...rows(
    'roles.update',
    async (a, o, _t, w) =>
      req(a, 'PATCH', `/orgs/${o}/roles/${await made.role(w, o)}`, { description: 'd' }),
    [200, 200, 403],
  ),
  ...rows(
    'roles.delete',
    async (a, o, _t, w) => req(a, 'DELETE', `/orgs/${o}/roles/${await made.role(w, o)}`),
    [204, 204, 403],
  ),
  ...rows('invitations.list', (a, o) => req(a, 'GET', `/orgs/${o}/invitations`), [200, 200, 403]),
  ...rows(
    'invitations.create',
    (a, o) => req(a, 'POST', `/orgs/${o}/invitations`, { email: uniqueEmail('inv') }),
    [201, 201, 403],
  ),
  // A just-sent invitation cannot be resent within a minute: 429 means the permission passed.
  ...rows(
    'invitations.resend',
    async (a, o, _t, w) =>
      req(a, 'POST', `/orgs/${o}/invitations/${await made.invitation(w, o)}/resend`),
    [429, 429, 403],
  ),
  ...rows(
    'invitations.revoke',
    async (a, o, _t, w) =>
      req(a, 'DELETE', `/orgs/${o}/invitations/${await made.invitation(w, o)}`),
    [204, 204, 403],
  ),
  ...rows(
    'invitations.listLinks',
    (a, o) => req(a, 'GET', `/orgs/${o}/invite-links`),
    [200, 200, 403],
  ),
  ...rows(
    'invitations.createLink',
    (a, o) => req(a, 'POST', `/orgs/${o}/invite-links`, {}),
    [201, 201, 403],
  ),
  ...rows(
    'invitations.revokeLink',
    async (a, o, _t, w) => req(a, 'DELETE', `/orgs/${o}/invite-links/${await made.link(w, o)}`),
    [204, 204, 403],
  ),
  ...rows('domains.list', (a, o) => req(a, 'GET', `/orgs/${o}/domains`), [200, 200, 403]),
  ...rows(
    'domains.add',
    (a, o) => req(a, 'POST', `/orgs/${o}/domains`, { domain: 'rbac.example.com' }),
    [201, 201, 403],
  ),
  // No TXT record is published: 409 means the permission passed.
  ...rows(
    'domains.verify',
    async (a, o, _t, w) => req(a, 'POST', `/orgs/${o}/domains/${await made.domain(w, o)}/verify`),
    [409, 409, 403],
  ),
  ...rows(
    'domains.update',
    async (a, o, _t, w) =>
      req(a, 'PATCH', `/orgs/${o}/domains/${await made.domain(w, o)}`, { mode: 'auto_join' }),
    [200, 200, 403],
  ),
  ...rows(
    'domains.remove',
    async (a, o, _t, w) => req(a, 'DELETE', `/orgs/${o}/domains/${await made.domain(w, o)}`),
    [204, 204, 403],
  ),
  ...rows(
    'membershipRequests.list',
    (a, o) => req(a, 'GET', `/orgs/${o}/membership-requests`),
    [200, 200, 403],
  ),
  // No such request: 404 means the permission passed.
  ...rows(
    'membershipRequests.accept',
    (a, o) => req(a, 'POST', `/orgs/${o}/membership-requests/mreq_none/accept`),
    [404, 404, 403],
  ),
  ...rows(
    'membershipRequests.reject',
    (a, o) => req(a, 'POST', `/orgs/${o}/membership-requests/mreq_none/reject`),
    [404, 404, 403],
  ),
  ...rows('labels.get', (a, o) => req(a, 'GET', `/orgs/${o}/labels`), [200, 200, 200]),
  ...rows(
    'labels.set',
    (a, o) => req(a, 'PUT', `/orgs/${o}/labels`, { labels: ['region:eu'] }),
    [200, 200, 403],
  ),
  ...rows('entitlements.get', (a, o) => req(a, 'GET', `/orgs/${o}/entitlements`), [200, 200, 200]),
  ...rows(
    'entitlements.setOverride',
    (a, o, t) => req(a, 'PUT', `/orgs/${o}/entitlements/overrides/${t}`, { features: ['-sso'] }),
    [200, 200, 403],
  ),
  ...rows(
    'entitlements.removeOverride',
    async (a, o, t, w) =>
      req(a, 'DELETE', `/orgs/${o}/entitlements/overrides/${await made.override(w, o, t)}`),
    [204, 204, 403],
  ),
  // API keys: keys:manage, which the built-in admin holds and a plain member does not.
  ...rows('orgKeys.list', (a, o) => req(a, 'GET', `/orgs/${o}/keys`), [200, 200, 403]),
  ...rows('orgKeys.scopes', (a, o) => req(a, 'GET', `/orgs/${o}/keys/scopes`), [200, 200, 403]),
  ...rows(
    'orgKeys.create',
    (a, o) => req(a, 'POST', `/orgs/${o}/keys`, { name: 'k' }),
    [201, 201, 403],
  ),
  ...rows(
    'orgKeys.get',
    async (a, o, _t, w) => req(a, 'GET', `/orgs/${o}/keys/${await made.key(w, o)}`),
    [200, 200, 403],
  ),
  ...rows(
    'orgKeys.update',
    async (a, o, _t, w) =>
      req(a, 'PATCH', `/orgs/${o}/keys/${await made.key(w, o)}`, { name: 'r' }),
    [200, 200, 403],
  ),
  ...rows(
    'orgKeys.revoke',
    async (a, o, _t, w) => req(a, 'DELETE', `/orgs/${o}/keys/${await made.key(w, o)}`),
    [204, 204, 403],
  ),
  ...rows(
    'orgKeys.reroll',
    async (a, o, _t, w) => req(a, 'POST', `/orgs/${o}/keys/${await made.key(w, o)}/reroll`, {}),
    [200, 200, 403],
  ),
  // The audit log: audit:read, which the built-in admin holds and a plain member does not.
  ...rows('audit.list', (a, o) => req(a, 'GET', `/orgs/${o}/audit`), [200, 200, 403]),
  ...rows('audit.export', (a, o) => req(a, 'GET', `/orgs/${o}/audit/export`), [200, 200, 403]),
  // Webhooks: webhooks:manage, which the built-in admin holds and a plain member does not.
  ...rows('webhooks.list', (a, o) => req(a, 'GET', `/orgs/${o}/webhooks`), [200, 200, 403]),
  ...rows(
    'webhooks.create',
    (a, o) => req(a, 'POST', `/orgs/${o}/webhooks`, { url: HOOK_URL, events: ['org.*'] }),
    [201, 201, 403],
  ),
  ...webhookRows([
    ['webhooks.get', 'GET', '', undefined, 200],
    ['webhooks.update', 'PATCH', '', { description: 'd' }, 200],
    ['webhooks.delete', 'DELETE', '', undefined, 204],
    ['webhooks.rotateSecret', 'POST', '/rotate-secret', {}, 200],
    ['webhooks.test', 'POST', '/test', undefined, 202],
    ['webhooks.deliveries', 'GET', '/deliveries', undefined, 200],
    ['webhooks.replay', 'POST', '/replay', { since: '2026-01-01T00:00:00Z' }, 202],
  ]),
  ...rows(
    'webhooks.delivery',
    async (a, o, _t, w) => {
      const [hook, delivery] = await made.delivery(w, o);
      return req(a, 'GET', `/orgs/${o}/webhooks/${hook}/deliveries/${delivery}`);
    },
    [200, 200, 403],
  ),
  ...rows(
    'webhooks.retry',
    async (a, o, _t, w) => {
      const [hook, delivery] = await made.delivery(w, o);
      return req(a, 'POST', `/orgs/${o}/webhooks/${hook}/deliveries/${delivery}/retry`);
    },
    [202, 202, 403],
  ),
  // Workload trust policies: workload:manage, which the built-in admin holds and a member does not.
  ...rows(
    'workloadPolicies.list',
    (a, o) => req(a, 'GET', `/orgs/${o}/workload-policies`),
    [200, 200, 403],
  ),
  ...rows(
    'workloadPolicies.create',
    (a, o) => req(a, 'POST', `/orgs/${o}/workload-policies`, WORKLOAD_POLICY),
    [201, 201, 403],
  ),
  ...rows(
    'workloadPolicies.get',
    async (a, o, _t, w) => req(a, 'GET', `/orgs/${o}/workload-policies/${await made.policy(w, o)}`),
    [200, 200, 403],
  ),
  ...rows(
    'workloadPolicies.update',
    async (a, o, _t, w) =>
      req(a, 'PATCH', `/orgs/${o}/workload-policies/${await made.policy(w, o)}`, {
        enabled: false,
      }),
    [200, 200, 403],
  ),
  ...rows(
    'workloadPolicies.delete',
    async (a, o, _t, w) =>
      req(a, 'DELETE', `/orgs/${o}/workload-policies/${await made.policy(w, o)}`),
    [204, 204, 403],
  ),
  // The org's sign-in provider: sso:manage, which only owners hold (it signs in the whole domain).
  ...rows('ssoConnections.get', (a, o) => req(a, 'GET', `/orgs/${o}/sso`), [200, 403, 403]),
  ...rows(
    'ssoConnections.put',
    // A public address literal: the network guard needs no DNS for it.
    (a, o) => req(a, 'PUT', `/orgs/${o}/sso`, { issuer: 'https://93.184.215.14', clientId: 'c' }),
    [200, 403, 403],
  ),
  ...rows(
    'ssoConnections.delete',
    async (a, o, _t, w) => {
      await req(w, 'PUT', `/orgs/${o}/sso`, { issuer: 'https://93.184.215.14', clientId: 'c' });
      return req(a, 'DELETE', `/orgs/${o}/sso`);
    },
    [204, 403, 403],
  ),
  ...rows(
    'ssoConnections.getMapping',
    async (a, o, _t, w) => {
      await req(w, 'PUT', `/orgs/${o}/sso`, { issuer: 'https://93.184.215.14', clientId: 'c' });
      return req(a, 'GET', `/orgs/${o}/sso/mapping`);
    },
    [200, 403, 403],
  ),
  ...rows(
    'ssoConnections.setMapping',
    async (a, o, _t, w) => {
      await req(w, 'PUT', `/orgs/${o}/sso`, { issuer: 'https://93.184.215.14', clientId: 'c' });
      return req(a, 'PUT', `/orgs/${o}/sso/mapping`, { rules: [], deprovision: false });
    },
    [200, 403, 403],
  ),
  ...rows(
    'ssoConnections.previewMapping',
    async (a, o, _t, w) => {
      await req(w, 'PUT', `/orgs/${o}/sso`, { issuer: 'https://93.184.215.14', clientId: 'c' });
      return req(a, 'POST', `/orgs/${o}/sso/mapping/preview`, { claims: { groups: ['x'] } });
    },
    [200, 403, 403],
  ),
  // The org's directory: directory:manage, owners only (a sync adds and removes members).
  ...rows('directory.get', (a, o) => req(a, 'GET', `/orgs/${o}/directory`), [200, 403, 403]),
  ...rows(
    'directory.put',
    (a, o) => req(a, 'PUT', `/orgs/${o}/directory`, DIRECTORY),
    [200, 403, 403],
  ),
  ...rows(
    'directory.delete',
    async (a, o, _t, w) => {
      await req(w, 'PUT', `/orgs/${o}/directory`, DIRECTORY);
      return req(a, 'DELETE', `/orgs/${o}/directory`);
    },
    [204, 403, 403],
  ),
  ...rows(
    'directory.sync',
    // Switched off, so the owner's run is refused before any network: 400 proves access passed.
    async (a, o, _t, w) => {
      await req(w, 'PUT', `/orgs/${o}/directory`, { ...DIRECTORY, enabled: false });
      return req(a, 'POST', `/orgs/${o}/directory/sync`);
    },
    [400, 403, 403],
  ),
];

/** Rows for operations on one endpoint the owner registers first. */
function webhookRows(ops: Array<[string, string, string, unknown, number]>) {
  return ops.flatMap(([op, method, suffix, body, status]) =>
    rows(
      op,
      async (a, o, _t, w) =>
        req(a, method, `/orgs/${o}/webhooks/${await made.webhook(w, o)}${suffix}`, body),
      [status, status, 403],
    ),
  );
}

function rows(
  op: string,
  call: (actor: Browser, orgId: string, target: string, owner: Browser) => Promise<Response>,
  [owner, admin, member]: [number, number, number],
) {
  return [{ op, call, expect: { owner, admin, member } }];
}

/** Resources the org owner creates for a row; each answers the id (or name) the call needs. */
/** A GitHub Actions policy (the default trusted issuer), pinned to one repository. */
const WORKLOAD_POLICY = {
  name: 'ci',
  issuer: 'https://token.actions.githubusercontent.com',
  audience: 'https://auth.example.com',
  conditions: { repository: 'octo-org/octo-repo' },
  scopes: ['members:read'],
};

const made = {
  async policy(owner: Browser, orgId: string) {
    const res = await req(owner, 'POST', `/orgs/${orgId}/workload-policies`, WORKLOAD_POLICY);
    return ((await res.json()) as { id: string }).id;
  },
  async group(owner: Browser, orgId: string, withMember?: string) {
    const res = await req(owner, 'POST', `/orgs/${orgId}/groups`, { name: `g${n++}` });
    const { id } = (await res.json()) as { id: string };
    if (withMember)
      await req(owner, 'PUT', `/orgs/${orgId}/groups/${id}/members/${withMember}`, {});
    return id;
  },
  async role(owner: Browser, orgId: string) {
    const name = `custom-${n++}`;
    await req(owner, 'POST', `/orgs/${orgId}/roles`, { name, permissions: ['org:read'] });
    return name;
  },
  async invitation(owner: Browser, orgId: string) {
    const res = await req(owner, 'POST', `/orgs/${orgId}/invitations`, { email: uniqueEmail('i') });
    return ((await res.json()) as { id: string }).id;
  },
  async key(owner: Browser, orgId: string) {
    const res = await req(owner, 'POST', `/orgs/${orgId}/keys`, { name: `k${n++}` });
    return ((await res.json()) as { id: string }).id;
  },
  async link(owner: Browser, orgId: string) {
    const res = await req(owner, 'POST', `/orgs/${orgId}/invite-links`, {});
    return ((await res.json()) as { id: string }).id;
  },
  async domain(owner: Browser, orgId: string) {
    const res = await req(owner, 'POST', `/orgs/${orgId}/domains`, {
      domain: `d${n++}.example.com`,
    });
    return ((await res.json()) as { id: string }).id;
  },
  async webhook(owner: Browser, orgId: string) {
    const res = await req(owner, 'POST', `/orgs/${orgId}/webhooks`, {
      url: HOOK_URL,
      events: ['org.*'],
    });
    return ((await res.json()) as { id: string }).id;
  },
  async delivery(owner: Browser, orgId: string): Promise<[string, string]> {
    const hook = await made.webhook(owner, orgId);
    const res = await req(owner, 'POST', `/orgs/${orgId}/webhooks/${hook}/test`);
    return [hook, ((await res.json()) as { id: string }).id];
  },
  async override(owner: Browser, orgId: string, userId: string) {
    await req(owner, 'PUT', `/orgs/${orgId}/entitlements/overrides/${userId}`, {
      features: ['-x'],
    });
    return userId;
  },
};

function req(browser: Browser, method: string, path: string, body?: unknown) {
  return browser.fetch(`/api/auth${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

// The permission checks live in the services, above the store: one driver (PostgreSQL, as in
// production) proves them; org-isolation.test.ts runs every driver, row-level security included.
describe.each(DRIVERS.filter((d) => d === 'postgres'))('org authorization (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, { webhookAllowedNetworks: ['127.0.0.1/32'] });
  });
  afterAll(() => t.close());

  async function user(): Promise<Browser> {
    const browser = t.newBrowser();
    const up = await browser.client.signUp({ email: uniqueEmail('rbac'), password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    return Object.assign(browser, { userId: up.data.user.id });
  }

  /** An org owned by `owner`, with `actor` in the given role and a plain member as the target. */
  async function orgWith(role: Role) {
    const owner = await user();
    const org = await owner.client.orgs.create({
      name: 'Rbac',
      slug: `rbac-${Date.now().toString(36)}-${n++}`,
    });
    if (!org.ok) throw new Error(org.error.message);
    const actor = role === 'owner' ? owner : await user();
    if (role !== 'owner') {
      expect(
        (
          await req(owner, 'POST', `/orgs/${org.data.id}/members`, {
            userId: actor.userId,
            roles: [role],
          })
        ).status,
      ).toBe(201);
    }
    const target = await user();
    expect(
      (
        await req(owner, 'POST', `/orgs/${org.data.id}/members`, {
          userId: target.userId,
          roles: ['member'],
        })
      ).status,
    ).toBe(201);
    return { owner, actor, target, orgId: org.data.id };
  }

  it('has a row for every operation under /orgs/{orgId} in the OpenAPI document', async () => {
    const doc = (await (await t.fetch('/api/auth/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/orgs/{orgId}'))
      .flatMap(([, methods]) => Object.values(methods).map((op) => op.operationId));
    const covered = new Set(TABLE.map((row) => row.op.split(' ')[0]));
    expect(operations.filter((id) => !covered.has(id))).toEqual([]);
  });

  for (const row of TABLE) {
    for (const role of ['owner', 'admin', 'member'] as const) {
      it(`${row.op} as ${role} → ${row.expect[role]}`, async () => {
        const { owner, actor, target, orgId } = await orgWith(role);
        const res = await row.call(actor, orgId, target.userId, owner);
        expect(res.status, await res.clone().text()).toBe(row.expect[role]);
        if (res.status === 403) expect((await res.json()).code).toBe('forbidden');
      });
    }
  }

  it('keeps an owner: the last owner can neither leave nor be demoted, a second owner can', async () => {
    const { owner, target, orgId } = await orgWith('owner');
    const leave = await req(owner, 'DELETE', `/orgs/${orgId}/members/${owner.userId}`);
    expect(leave.status).toBe(409);
    expect(await leave.json()).toMatchObject({ code: 'last_owner' });
    const demote = await req(owner, 'PATCH', `/orgs/${orgId}/members/${owner.userId}`, {
      roles: ['admin'],
    });
    expect((await demote.json()).code).toBe('last_owner');
    // Transfer: make the target an owner, then the first owner may step down and leave.
    expect(
      (await req(owner, 'PATCH', `/orgs/${orgId}/members/${target.userId}`, { roles: ['owner'] }))
        .status,
    ).toBe(200);
    expect((await req(owner, 'DELETE', `/orgs/${orgId}/members/${owner.userId}`)).status).toBe(204);
    expect((await req(owner, 'GET', `/orgs/${orgId}`)).status).toBe(404);
  });

  it('lets a plain member leave, and never lets two owners demote each other to none', async () => {
    const { owner, target, orgId } = await orgWith('owner');
    expect((await req(target, 'DELETE', `/orgs/${orgId}/members/${target.userId}`)).status).toBe(
      204,
    );
    const second = await user();
    await req(owner, 'POST', `/orgs/${orgId}/members`, { userId: second.userId, roles: ['owner'] });
    const results = await Promise.all([
      req(owner, 'PATCH', `/orgs/${orgId}/members/${second.userId}`, { roles: ['member'] }),
      req(second, 'PATCH', `/orgs/${orgId}/members/${owner.userId}`, { roles: ['member'] }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // One demotion wins; the other finds itself without the right (403) or the last owner (409).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const members = (await (await req(owner, 'GET', `/orgs/${orgId}/members`)).json()) as {
      members: Array<{ roles: string[] }>;
    };
    const asSeen = members.members ?? [];
    const viaOther = (await (await req(second, 'GET', `/orgs/${orgId}/members`)).json()) as {
      members?: Array<{ roles: string[] }>;
    };
    const list = asSeen.length ? asSeen : (viaOther.members ?? []);
    expect(list.filter((m) => m.roles.includes('owner'))).toHaveLength(1);
  });

  it.each([
    ['an unknown role', { roles: ['superuser'] }, 'roles.0'],
    ['a malformed label', { labelsDelta: ['Not A Label'] }, 'labelsDelta.0'],
    ['a control character in a label', { labelsDelta: ['region:u\u0000s'] }, 'labelsDelta.0'],
    ['no change at all', {}, '(body)'],
  ])('refuses %s with a 400 naming the field, changing nothing', async (_, body, field) => {
    const { owner, target, orgId } = await orgWith('owner');
    const res = await req(owner, 'PATCH', `/orgs/${orgId}/members/${target.userId}`, body);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { field?: string; errors?: Array<{ field: string }> };
    expect([problem.field, ...(problem.errors ?? []).map((e) => e.field)]).toContain(field);
    const members = (await (await req(owner, 'GET', `/orgs/${orgId}/members`)).json()) as {
      members: Array<{ userId: string; roles: string[]; labelsDelta: string[] }>;
    };
    expect(members.members.find((m) => m.userId === target.userId)).toMatchObject({
      roles: ['member'],
      labelsDelta: [],
    });
  });

  it('refuses adding someone twice, and an unknown user id', async () => {
    const { owner, target, orgId } = await orgWith('owner');
    const twice = await req(owner, 'POST', `/orgs/${orgId}/members`, {
      userId: target.userId,
      roles: ['member'],
    });
    expect(await twice.json()).toMatchObject({ code: 'already_member', field: 'userId' });
    const ghost = await req(owner, 'POST', `/orgs/${orgId}/members`, {
      userId: 'usr_ghost',
      roles: ['member'],
    });
    expect(ghost.status).toBe(404);
  });
});
