import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import { member, ok, orgOf, type Browser } from '../../test/tenancy-fixtures.js';
import type { TestInstance } from '../testing/create-test-instance.js';

const PLANS = {
  free: { features: ['basic'], limits: { members: 3 } },
  pro: { features: ['basic', 'sso', 'audit-export'], limits: { members: 50 } },
};

function accessClaims(browser: Browser) {
  return decodeJwt(browser.jar.get('catalyst_access')!);
}

describe.each(DRIVERS)('tenancy: groups, roles, effective identity, active org (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, { plans: PLANS });
  });
  afterAll(() => t.close());

  /** An org with an owner and a plain member. */
  async function team() {
    const owner = await member(t);
    const org = await orgOf(owner);
    const alice = await member(t);
    ok(await owner.client.memberships.add(org.id, { userId: alice.userId, roles: ['member'] }));
    return { owner, org, alice };
  }

  it('nests groups, puts a member in several with a role per group, and refuses cycles', async () => {
    const { owner, org, alice } = await team();
    const eng = ok(
      await owner.client.groups.create(org.id, { name: 'Engineering', labels: ['dept:eng'] }),
    );
    const web = ok(
      await owner.client.groups.create(org.id, {
        name: 'Web',
        parentId: eng.id,
        labels: ['team:web'],
      }),
    );
    ok(await owner.client.groups.setMember(org.id, eng.id, alice.userId));
    ok(await owner.client.groups.setMember(org.id, web.id, alice.userId, { role: 'admin' }));

    const members = ok(await owner.client.orgs.listMembers(org.id));
    expect(members.members.find((m) => m.userId === alice.userId)?.groups.sort()).toEqual(
      [eng.id, web.id].sort(),
    );
    const inWeb = ok(await owner.client.groups.listMembers(org.id, web.id));
    expect(inWeb.members).toEqual([
      expect.objectContaining({ userId: alice.userId, role: 'admin' }),
    ]);

    // A group cannot become its own ancestor.
    const cycle = await owner.client.groups.update(org.id, eng.id, { parentId: web.id });
    expect(cycle.ok || cycle.error).toMatchObject({ status: 400, field: 'parentId' });
    const dup = await owner.client.groups.create(org.id, { name: 'Web' });
    expect(dup.ok || dup.error).toMatchObject({ code: 'group_name_taken', field: 'name' });

    // PATCH replaces the member's groups.
    const moved = ok(
      await owner.client.memberships.update(org.id, alice.userId, { groups: [web.id] }),
    );
    expect(moved.groups).toEqual([web.id]);

    // Deleting a parent moves its children up.
    ok(await owner.client.groups.delete(org.id, eng.id));
    expect(ok(await owner.client.groups.get(org.id, web.id)).parentId).toBeNull();
    // A plain member may read groups but not manage them; Alice's admin role in Web lets her.
    const bob = await member(t);
    ok(await owner.client.memberships.add(org.id, { userId: bob.userId, roles: ['member'] }));
    expect(ok(await bob.client.groups.list(org.id)).groups).toHaveLength(1);
    const refused = await bob.client.groups.create(org.id, { name: 'Mine' });
    expect(refused.ok || refused.error).toMatchObject({ status: 403, code: 'forbidden' });
    ok(await alice.client.groups.create(org.id, { name: 'Alice made this' }));
  });

  it('creates custom roles without privilege escalation', async () => {
    const { owner, org, alice } = await team();
    ok(
      await owner.client.roles.create(org.id, {
        name: 'role-keeper',
        permissions: ['org:read', 'roles:manage', 'members:read'],
      }),
    );
    ok(await owner.client.memberships.update(org.id, alice.userId, { roles: ['role-keeper'] }));

    // Alice may manage roles, but not grant what she lacks.
    const escalate = await alice.client.roles.create(org.id, {
      name: 'sneaky',
      permissions: ['org:read', 'members:manage'],
    });
    expect(escalate.ok || escalate.error).toMatchObject({
      status: 403,
      code: 'forbidden',
      field: 'permissions.1',
    });
    const wildcard = await alice.client.roles.create(org.id, { name: 'star', permissions: ['*'] });
    expect(wildcard.ok || wildcard.error).toMatchObject({ status: 403, field: 'permissions.0' });
    ok(await alice.client.roles.create(org.id, { name: 'reader', permissions: ['org:read'] }));
    // Nor widen a role she could not have created.
    const widen = await alice.client.roles.update(org.id, 'reader', {
      permissions: ['keys:manage'],
    });
    expect(widen.ok || widen.error).toMatchObject({ status: 403 });

    const roles = ok(await owner.client.roles.list(org.id)).roles.map((r) => [r.name, r.builtIn]);
    expect(roles).toEqual([
      ['owner', true],
      ['admin', true],
      ['member', true],
      ['reader', false],
      ['role-keeper', false],
    ]);
    // Bad names and unknown roles name the field; in-use roles are not deleted.
    const shadow = await owner.client.roles.create(org.id, {
      name: 'admin',
      permissions: ['org:read'],
    });
    expect(shadow.ok || shadow.error).toMatchObject({ status: 400, field: 'name' });
    const again = await owner.client.roles.create(org.id, {
      name: 'reader',
      permissions: ['org:read'],
    });
    expect(again.ok || again.error).toMatchObject({ code: 'role_exists' });
    const unknown = await owner.client.memberships.update(org.id, alice.userId, {
      roles: ['nope'],
    });
    expect(unknown.ok || unknown.error).toMatchObject({ code: 'unknown_role', field: 'roles.0' });
    const inUse = await owner.client.roles.delete(org.id, 'role-keeper');
    expect(inUse.ok || inUse.error).toMatchObject({ code: 'role_in_use' });
  });

  it('refuses assigning a role that carries more than the assigner holds', async () => {
    const { owner, org, alice } = await team();
    ok(
      await owner.client.roles.create(org.id, {
        name: 'keymaster',
        permissions: ['keys:manage', 'org:delete'],
      }),
    );
    ok(await owner.client.memberships.update(org.id, alice.userId, { roles: ['admin'] }));
    const bob = await member(t);
    ok(await owner.client.memberships.add(org.id, { userId: bob.userId, roles: ['member'] }));
    // Admins lack org:delete, so they cannot hand out a role that has it.
    const refused = await alice.client.memberships.update(org.id, bob.userId, {
      roles: ['keymaster'],
    });
    expect(refused.ok || refused.error).toMatchObject({
      status: 403,
      code: 'forbidden',
      field: 'roles',
    });
    expect(
      ok(await owner.client.orgs.listMembers(org.id)).members.find((m) => m.userId === bob.userId)
        ?.roles,
    ).toEqual(['member']);
  });

  it('merges labels user → org → groups → membership delta → entitlements, with removals', async () => {
    const { owner, org, alice } = await team();
    await t.authkit.api.setUserLabels(alice.userId, ['region:eu', 'tier:gold', 'beta:yes']);
    ok(await owner.client.labels.set(org.id, ['region:us', 'industry:retail']));
    const g = ok(
      await owner.client.groups.create(org.id, {
        name: 'Ops',
        labels: ['dept:ops', 'tier:silver'],
      }),
    );
    ok(await owner.client.groups.setMember(org.id, g.id, alice.userId));
    ok(
      await owner.client.memberships.update(org.id, alice.userId, {
        labelsDelta: ['-beta', 'on-call:true'],
      }),
    );
    await t.authkit.api.setOrgPlan(org.id, 'pro');

    const me = ok(await alice.client.me.effective({ org: org.id }));
    expect(me.labels).toEqual([
      'dept:ops',
      'industry:retail',
      'on-call:true',
      'plan:pro',
      'region:us',
      'tier:silver',
    ]);
    expect(me).toMatchObject({ plan: 'pro', roles: ['member'], groups: [g.id] });
    expect(me.entitlements).toEqual({
      features: ['audit-export', 'basic', 'sso'],
      limits: { members: 50 },
    });
    // Outside any org only the user's own labels count.
    expect(ok(await alice.client.me.effective({ org: null })).labels).toEqual([
      'beta:yes',
      'region:eu',
      'tier:gold',
    ]);
    // Not a member: indistinguishable from an unknown org.
    const stranger = await member(t);
    const refused = await stranger.client.me.effective({ org: org.id });
    expect(refused.ok || refused.error).toMatchObject({ status: 404 });
  });

  it('serves effective identity from the cache and invalidates it on every input change', async () => {
    const { owner, org, alice } = await team();
    const store = await t.authkit.api.store();
    const reads = vi.spyOn(store.users, 'findById');
    const effective = async () => ok(await alice.client.me.effective({ org: org.id }));
    const computes = async (
      change: () => Promise<unknown>,
      expectChange: (e: Awaited<ReturnType<typeof effective>>) => void,
    ) => {
      await effective();
      reads.mockClear();
      await effective();
      expect(reads, 'a repeat read is served from the cache').not.toHaveBeenCalled();
      await change();
      const after = await effective();
      expectChange(after);
    };

    await computes(
      () => t.authkit.api.setUserLabels(alice.userId, ['color:red']),
      (e) => expect(e.labels).toContain('color:red'),
    );
    await computes(
      () => owner.client.labels.set(org.id, ['size:xl']),
      (e) => expect(e.labels).toContain('size:xl'),
    );
    const group = ok(await owner.client.groups.create(org.id, { name: 'Cache' }));
    await computes(
      () => owner.client.groups.setMember(org.id, group.id, alice.userId),
      (e) => expect(e.groups).toEqual([group.id]),
    );
    await computes(
      () => owner.client.groups.update(org.id, group.id, { labels: ['squad:blue'] }),
      (e) => expect(e.labels).toContain('squad:blue'),
    );
    await computes(
      () => owner.client.memberships.update(org.id, alice.userId, { labelsDelta: ['-size'] }),
      (e) => expect(e.labels).not.toContain('size:xl'),
    );
    ok(await owner.client.roles.create(org.id, { name: 'auditor', permissions: ['audit:read'] }));
    await computes(
      () => owner.client.memberships.update(org.id, alice.userId, { roles: ['member', 'auditor'] }),
      (e) => expect(e.permissions).toContain('audit:read'),
    );
    await computes(
      () =>
        owner.client.roles.update(org.id, 'auditor', {
          permissions: ['audit:read', 'keys:manage'],
        }),
      (e) => expect(e.permissions).toContain('keys:manage'),
    );
    await computes(
      () => t.authkit.api.setOrgPlan(org.id, 'pro'),
      (e) => expect(e.plan).toBe('pro'),
    );
    await computes(
      () =>
        owner.client.entitlements.setOverride(org.id, alice.userId, {
          features: ['-sso'],
          limits: { members: 10 },
        }),
      (e) =>
        expect(e.entitlements).toEqual({
          features: ['audit-export', 'basic'],
          limits: { members: 10 },
        }),
    );
    // Widening past the plan is billing's call, not an org admin's.
    const wider = await owner.client.entitlements.setOverride(org.id, alice.userId, {
      features: ['beta-ui'],
    });
    expect(wider.ok || wider.error).toMatchObject({ status: 403, field: 'features.0' });
    const higher = await owner.client.entitlements.setOverride(org.id, alice.userId, {
      limits: { members: 51 },
    });
    expect(higher.ok || higher.error).toMatchObject({ status: 403, field: 'limits.members' });
    await t.authkit.api.setEntitlementOverride(org.id, alice.userId, { features: ['beta-ui'] });
    expect((await effective()).entitlements.features).toContain('beta-ui');
    reads.mockRestore();
  });

  it('switches the active org: new token claims, session payload, and a left org drops out', async () => {
    const { owner, org, alice } = await team();
    await t.authkit.api.setOrgPlan(org.id, 'pro');
    const switched = ok(await alice.client.setActiveOrg(org.id));
    expect(switched.org).toMatchObject({ id: org.id, roles: ['member'], plan: 'pro' });
    expect(alice.client.session.getSnapshot().data?.org?.id).toBe(org.id);
    expect(accessClaims(alice)).toMatchObject({
      org: org.id,
      roles: ['member'],
      plan: 'pro',
      ent: ['audit-export', 'basic', 'sso'],
      permissions: ['members:read', 'org:read'],
    });
    const session = ok(await alice.client.getSession());
    expect(session.org?.id).toBe(org.id);
    expect(ok(await alice.client.me.effective()).orgId).toBe(org.id);

    // Someone else's org cannot be made active.
    const other = await orgOf(owner, 'Other');
    const refused = await alice.client.setActiveOrg(other.id);
    expect(refused.ok || refused.error).toMatchObject({ status: 404 });

    // Removed from the org: the next token carries no org.
    ok(await owner.client.memberships.remove(org.id, alice.userId));
    ok(await alice.client.refresh());
    expect(accessClaims(alice)).toMatchObject({ org: null, roles: [] });
    expect(ok(await alice.client.getSession()).org).toBeNull();
    ok(await alice.client.setActiveOrg(null));
  });

  it("enforces the plan's member limit and records org and membership events in the outbox", async () => {
    const { owner, org } = await team();
    await t.authkit.api.setOrgPlan(org.id, 'free');
    const third = await member(t);
    ok(await owner.client.memberships.add(org.id, { userId: third.userId, roles: ['member'] }));
    const fourth = await member(t);
    const refused = await owner.client.memberships.add(org.id, {
      userId: fourth.userId,
      roles: ['member'],
    });
    expect(refused.ok || refused.error).toMatchObject({
      status: 403,
      code: 'member_limit_reached',
    });

    const store = await t.authkit.api.store();
    const all = await store.outbox.list({ orgId: org.id, limit: 50 });
    // Every audited change also writes an `audit.event`; the domain events come in change order.
    expect(all.filter((e) => e.type === 'audit.event')).toHaveLength(4);
    const events = all.filter((e) => e.type !== 'audit.event');
    expect(events.map((e) => e.type)).toEqual([
      'org.created',
      'membership.added',
      'org.updated',
      'membership.added',
    ]);
    expect(events[1]!.data).toMatchObject({ orgId: org.id, roles: ['member'] });
  });

  it('refuses bad labels, features and limits naming the field, writing nothing', async () => {
    const { owner, org, alice } = await team();
    const label = await owner.client.labels.set(org.id, ['region:us', 'not a label']);
    expect(label.ok || label.error).toMatchObject({ status: 400, field: 'labels.1' });
    expect(ok(await owner.client.labels.get(org.id)).labels).toEqual([]);
    const feature = await owner.client.entitlements.setOverride(org.id, alice.userId, {
      features: ['Bad Feature'],
    });
    expect(feature.ok || feature.error).toMatchObject({ status: 400, field: 'features.0' });
    const limit = await owner.client.entitlements.setOverride(org.id, alice.userId, {
      limits: { members: -1 },
    });
    expect(limit.ok || limit.error).toMatchObject({ status: 400 });
    expect(ok(await owner.client.entitlements.get(org.id)).overrides).toEqual([]);
  });
});
