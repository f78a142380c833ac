import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, PASSWORD, uniqueEmail } from '../../test/instances.js';
import { member, ok, orgOf, type Browser } from '../../test/tenancy-fixtures.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { loggablePath } from './app.js';

// The attacker's tests: each route to more power than the actor holds, found in review.
describe.each(DRIVERS)('tenancy escalation paths (%s)', (driver) => {
  let t: TestInstance;
  const txt = new Map<string, string[]>();
  beforeAll(async () => {
    t = await instanceOn(driver, {
      dnsResolver: { resolveTxt: async (name) => txt.get(name) ?? [] },
    });
  });
  afterAll(() => t.close());

  /** An org with an owner, an admin, and a group that grants `owner`. */
  async function setting() {
    const owner = await member(t);
    const org = await orgOf(owner);
    const admin = await member(t);
    ok(await owner.client.memberships.add(org.id, { userId: admin.userId, roles: ['admin'] }));
    const founders = ok(
      await owner.client.groups.create(org.id, { name: 'Founders', roles: ['owner'] }),
    );
    return { owner, org, admin, founders };
  }

  const refused = (result: { ok: boolean; error?: { status: number } }) =>
    expect(result.ok ? 'allowed' : result.error?.status).toBe(403);

  it("refuses joining (or adding anyone to) a group whose roles exceed the actor's", async () => {
    const { org, admin, founders } = await setting();
    refused(await admin.client.groups.setMember(org.id, founders.id, admin.userId));
    refused(await admin.client.memberships.update(org.id, admin.userId, { groups: [founders.id] }));
    refused(
      await admin.client.invitations.create(org.id, {
        email: uniqueEmail('alt'),
        groups: [founders.id],
      }),
    );
    refused(await admin.client.groups.update(org.id, founders.id, { roles: [] }));
    refused(await admin.client.groups.delete(org.id, founders.id));
    const perms = ok(await admin.client.me.effective({ org: org.id })).permissions;
    expect(perms).not.toContain('*');
  });

  it('refuses removing or demoting someone who outranks the actor, however they got it', async () => {
    const { owner, org, admin, founders } = await setting();
    const cofounder = await member(t);
    ok(await owner.client.memberships.add(org.id, { userId: cofounder.userId, roles: ['member'] }));
    ok(await owner.client.groups.setMember(org.id, founders.id, cofounder.userId));
    refused(await admin.client.groups.removeMember(org.id, founders.id, cofounder.userId));
    refused(await admin.client.memberships.remove(org.id, cofounder.userId));
    refused(
      await admin.client.memberships.update(org.id, cofounder.userId, { labelsDelta: ['x:y'] }),
    );
    ok(await owner.client.roles.create(org.id, { name: 'root', permissions: ['*'] }));
    // A custom role carrying `*` is an owner by another name: no link makes one.
    refused(await owner.client.invitations.createLink(org.id, { roles: ['root'] }));
  });

  it("stops a removed admin's invite link and invitations from working", async () => {
    const { owner, org, admin } = await setting();
    const link = ok(await admin.client.invitations.createLink(org.id, { roles: ['admin'] }));
    ok(await owner.client.memberships.remove(org.id, admin.userId));
    const back = await admin.client.invitations.accept(link.token);
    expect(back.ok || back.error).toMatchObject({ status: 410, code: 'invitation_revoked' });
    const stranger = await member(t);
    const viaLink = await stranger.client.invitations.accept(link.token);
    expect(viaLink.ok || viaLink.error).toMatchObject({ code: 'invitation_revoked' });
  });

  it('keeps a role that is still offered or held per group from being deleted', async () => {
    const { owner, org } = await setting();
    ok(await owner.client.roles.create(org.id, { name: 'helper', permissions: ['org:read'] }));
    const link = ok(await owner.client.invitations.createLink(org.id, { roles: ['helper'] }));
    const inUse = await owner.client.roles.delete(org.id, 'helper');
    expect(inUse.ok || inUse.error).toMatchObject({ code: 'role_in_use' });
    ok(await owner.client.invitations.revokeLink(org.id, link.id));
    const team = ok(await owner.client.groups.create(org.id, { name: 'Team' }));
    ok(await owner.client.groups.setMember(org.id, team.id, owner.userId, { role: 'helper' }));
    const perGroup = await owner.client.roles.delete(org.id, 'helper');
    expect(perGroup.ok || perGroup.error).toMatchObject({ code: 'role_in_use' });
  });

  it('does not auto-join a removed member back through a verified domain', async () => {
    const { owner, org } = await setting();
    const domainName = `x${Date.now().toString(36)}.example.com`;
    const domain = ok(
      await owner.client.domains.add(org.id, { domain: domainName, mode: 'auto_join' }),
    );
    txt.set(domain.verification.name, [domain.verification.value]);
    ok(await owner.client.domains.verify(org.id, domain.id));
    const email = `ex-${Date.now().toString(36)}@${domainName}`;
    const ex: Browser = await member(t, 'ex', email);
    await (await t.authkit.api.store()).users.markEmailVerified(ex.userId, new Date());
    ok(await ex.client.signIn({ email, password: PASSWORD }));
    expect(ok(await ex.client.orgs.list()).orgs.map((o) => o.id)).toEqual([org.id]);
    ok(await owner.client.memberships.remove(org.id, ex.userId));
    ok(await ex.client.signIn({ email, password: PASSWORD }));
    expect(ok(await ex.client.orgs.list()).orgs).toEqual([]);
  });
});

describe('logs', () => {
  it('never carry an invitation token from a path', () => {
    expect(loggablePath('/api/auth/invitations/abcDEF123_-xyz/accept')).toBe(
      '/api/auth/invitations/{token}/accept',
    );
  });
});
