import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';

type Browser = ReturnType<TestInstance['newBrowser']> & { userId: string };
type Role = 'owner' | 'admin' | 'member';
let n = 0;

/** What each built-in role may do (DESIGN §10): the expected status per role. */
const TABLE: Array<{
  op: string;
  call: (actor: Browser, orgId: string, target: string) => Promise<Response>;
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
];

function req(browser: Browser, method: string, path: string, body?: unknown) {
  return browser.fetch(`/api/auth${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

describe.each(DRIVERS)('org authorization (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver);
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

  for (const row of TABLE) {
    for (const role of ['owner', 'admin', 'member'] as const) {
      it(`${row.op} as ${role} → ${row.expect[role]}`, async () => {
        const { actor, target, orgId } = await orgWith(role);
        const res = await row.call(actor, orgId, target.userId);
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
