import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, manualClock, uniqueEmail } from '../../test/instances.js';
import { lastMailTo, member, ok, orgOf, tokenIn } from '../../test/tenancy-fixtures.js';
import type { TestInstance } from '../testing/create-test-instance.js';

/** A fake resolver: tests publish TXT records by hand (DnsResolverPort). */
const txt = new Map<string, string[]>();
const dnsResolver = { resolveTxt: async (name: string) => txt.get(name) ?? [] };

describe.each(DRIVERS)('invitations, links, domains and requests (%s)', (driver) => {
  let t: TestInstance;
  const clock = manualClock();
  beforeAll(async () => {
    t = await instanceOn(driver, { dnsResolver, clock });
  });
  afterAll(() => t.close());

  async function inviteFlow(roles?: string[]) {
    const owner = await member(t);
    const org = await orgOf(owner, 'Invite Org');
    const group = ok(await owner.client.groups.create(org.id, { name: 'Support' }));
    const email = uniqueEmail('invitee');
    const invitation = ok(
      await owner.client.invitations.create(org.id, {
        email,
        groups: [group.id],
        ...(roles ? { roles } : {}),
      }),
    );
    const mail = await lastMailTo(t, email);
    return { owner, org, group, email, invitation, mail, token: tokenIn(mail.text) };
  }

  it('invites by email: the emailed link previews, accepts once, with roles and groups preset', async () => {
    const { owner, org, group, email, invitation, mail, token } = await inviteFlow(['admin']);
    expect(mail.subject).toContain('Invite Org');
    expect(mail.text).toContain(`http://localhost:3000/invitations/accept?token=${token}`);
    expect(invitation).toMatchObject({ status: 'pending', email, roles: ['admin'] });

    const invitee = await member(t, 'invitee', email);
    const preview = ok(await invitee.client.invitations.preview(token));
    expect(preview).toMatchObject({ kind: 'email', email, roles: ['admin'], org: { id: org.id } });
    const joined = ok(await invitee.client.invitations.accept(token));
    expect(joined).toMatchObject({ id: org.id, roles: ['admin'] });
    const members = ok(await owner.client.orgs.listMembers(org.id)).members;
    expect(members.find((m) => m.userId === invitee.userId)).toMatchObject({
      roles: ['admin'],
      groups: [group.id],
    });
    // The token reached the mailbox, so the address counts as verified now.
    expect(ok(await invitee.client.getSession()).user?.emailVerified).toBe(true);
    expect(ok(await owner.client.invitations.list(org.id)).invitations[0]).toMatchObject({
      status: 'accepted',
    });

    // Reused: refused with its own code.
    const again = await invitee.client.invitations.accept(token);
    expect(again.ok || again.error).toMatchObject({ status: 410, code: 'invitation_used' });
  });

  it('refuses a different account, a revoked, an expired and a resent-away token, each by code', async () => {
    const { owner, org, invitation, email, token } = await inviteFlow();
    const stranger = await member(t);
    const wrong = await stranger.client.invitations.accept(token);
    expect(wrong.ok || wrong.error).toMatchObject({
      status: 403,
      code: 'invitation_email_mismatch',
    });
    expect(ok(await owner.client.orgs.listMembers(org.id)).members).toHaveLength(1);

    // Resending issues a new token: the old one stops working. Not twice a minute.
    const tooSoon = await owner.client.invitations.resend(org.id, invitation.id);
    expect(tooSoon.ok || tooSoon.error).toMatchObject({ status: 429, code: 'rate_limited' });
    clock.advance(61);
    ok(await owner.client.invitations.resend(org.id, invitation.id));
    const fresh = tokenIn((await lastMailTo(t, email)).text);
    expect(fresh).not.toBe(token);
    const old = await stranger.client.invitations.preview(token);
    expect(old.ok || old.error).toMatchObject({ status: 404 });

    ok(await owner.client.invitations.revoke(org.id, invitation.id));
    const invitee = await member(t, 'invitee', email);
    const revoked = await invitee.client.invitations.accept(fresh);
    expect(revoked.ok || revoked.error).toMatchObject({ status: 410, code: 'invitation_revoked' });

    const second = await inviteFlow();
    clock.advance(8 * 24 * 3600);
    const late = await member(t, 'invitee', second.email);
    const expired = await late.client.invitations.accept(second.token);
    expect(expired.ok || expired.error).toMatchObject({ status: 410, code: 'invitation_expired' });
    ok(await owner.client.refresh()); // its access token aged out with the clock

    const byStatus = async (status: 'pending' | 'revoked' | 'expired' | 'accepted') =>
      ok(await owner.client.invitations.list(org.id, { status })).invitations.map((i) => i.id);
    expect(await byStatus('revoked')).toEqual([invitation.id]);
    expect(await byStatus('pending')).toEqual([]);

    // Duplicates and members are refused up front, naming the field.
    const dup = await owner.client.invitations.create(org.id, { email: second.email });
    expect(dup.ok).toBe(true);
    const twice = await owner.client.invitations.create(org.id, { email: second.email });
    expect(twice.ok || twice.error).toMatchObject({ code: 'already_invited', field: 'email' });
    const self = await owner.client.invitations.create(org.id, { email: owner.email });
    expect(self.ok || self.error).toMatchObject({ code: 'already_member', field: 'email' });
    const badRole = await owner.client.invitations.create(org.id, {
      email: uniqueEmail('x'),
      roles: ['emperor'],
    });
    expect(badRole.ok || badRole.error).toMatchObject({ code: 'unknown_role', field: 'roles.0' });
  });

  it('shares an invite link up to its maximum uses, atomically, until revoked', async () => {
    const owner = await member(t);
    const org = await orgOf(owner, 'Link Org');
    const link = ok(await owner.client.invitations.createLink(org.id, { maxUses: 2 }));
    expect(link.url).toBe(`http://localhost:3000/invitations/accept?token=${link.token}`);
    expect(link.start).toBe(link.token.slice(0, 8));
    // The token is shown once: lists carry only its start.
    const listed = ok(await owner.client.invitations.listLinks(org.id)).inviteLinks[0]!;
    expect(JSON.stringify(listed)).not.toContain(link.token);

    // Three people race for two uses: exactly two get in.
    const people = await Promise.all([member(t), member(t), member(t)]);
    const results = await Promise.all(people.map((p) => p.client.invitations.accept(link.token)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: { status: 410, code: 'invite_link_exhausted' },
    });
    expect(ok(await owner.client.invitations.listLinks(org.id)).inviteLinks[0]?.uses).toBe(2);

    const second = ok(await owner.client.invitations.createLink(org.id, { roles: ['member'] }));
    ok(await owner.client.invitations.revokeLink(org.id, second.id));
    const late = await member(t);
    const revoked = await late.client.invitations.accept(second.token);
    expect(revoked.ok || revoked.error).toMatchObject({ code: 'invitation_revoked' });
    const owners = await owner.client.invitations.createLink(org.id, { roles: ['owner'] });
    expect(owners.ok || owners.error).toMatchObject({ status: 403 });
    const past = await owner.client.invitations.createLink(org.id, {
      expiresAt: new Date(clock.now().getTime() - 1000).toISOString(),
    });
    expect(past.ok || past.error).toMatchObject({ status: 400, field: 'expiresAt' });
  });

  it('verifies a domain by TXT record, then suggests the org and takes membership requests', async () => {
    const owner = await member(t);
    const org = await orgOf(owner, 'Domain Org');
    const domainName = `d${Date.now().toString(36)}.example.org`;
    const domain = ok(await owner.client.domains.add(org.id, { domain: domainName }));
    expect(domain.verification).toEqual({
      type: 'TXT',
      name: `_catalyst-verify.${domainName}`,
      value: expect.stringMatching(/^catalyst-verify=/),
    });
    const early = await owner.client.domains.verify(org.id, domain.id);
    expect(early.ok || early.error).toMatchObject({ status: 409, code: 'domain_not_verified' });

    // A colleague at the domain sees nothing while the domain is unverified.
    const colleague = await member(t, 'c', `ann-${Date.now().toString(36)}@${domainName}`);
    const store = await t.authkit.api.store();
    await store.users.markEmailVerified(colleague.userId, new Date());
    expect(ok(await colleague.client.domains.suggestions()).suggestions).toEqual([]);
    const tooEarly = await colleague.client.membershipRequests.request(org.id);
    expect(tooEarly.ok || tooEarly.error).toMatchObject({ status: 404 });

    txt.set(domain.verification.name, ['unrelated', domain.verification.value]);
    expect(ok(await owner.client.domains.verify(org.id, domain.id)).status).toBe('verified');
    expect(ok(await colleague.client.domains.suggestions()).suggestions).toEqual([
      expect.objectContaining({ org: expect.objectContaining({ id: org.id }), requested: false }),
    ]);
    const request = ok(await colleague.client.membershipRequests.request(org.id));
    const twice = await colleague.client.membershipRequests.request(org.id);
    expect(twice.ok || twice.error).toMatchObject({ code: 'request_exists' });
    expect(ok(await colleague.client.domains.suggestions()).suggestions[0]?.requested).toBe(true);
    const accepted = ok(await owner.client.membershipRequests.accept(org.id, request.id));
    expect(accepted.status).toBe('accepted');
    expect(ok(await colleague.client.orgs.get(org.id)).roles).toEqual(['member']);

    // Another org cannot take over a verified domain.
    const rival = await member(t);
    const rivalOrg = await orgOf(rival, 'Rival');
    const claim = ok(await rival.client.domains.add(rivalOrg.id, { domain: domainName }));
    txt.set(claim.verification.name, [claim.verification.value]);
    const taken = await rival.client.domains.verify(rivalOrg.id, claim.id);
    expect(taken.ok || taken.error).toMatchObject({ status: 409, code: 'domain_taken' });
    const bad = await owner.client.domains.add(org.id, { domain: 'not a domain' });
    expect(bad.ok || bad.error).toMatchObject({ status: 400, field: 'domain' });
  });

  it('auto-joins verified people at a verified domain when they sign in', async () => {
    const owner = await member(t);
    const org = await orgOf(owner, 'Auto Org');
    const domainName = `a${Date.now().toString(36)}.example.net`;
    const domain = ok(
      await owner.client.domains.add(org.id, { domain: domainName, mode: 'auto_join' }),
    );
    txt.set(domain.verification.name, [domain.verification.value]);
    ok(await owner.client.domains.verify(org.id, domain.id));

    const email = `bo-${Date.now().toString(36)}@${domainName}`;
    const unverified = await member(t, 'bo', email);
    ok(await unverified.client.signIn({ email, password: 'correct horse battery' }));
    expect(ok(await unverified.client.orgs.list()).orgs).toEqual([]);

    const store = await t.authkit.api.store();
    await store.users.markEmailVerified(unverified.userId, new Date());
    ok(await unverified.client.signIn({ email, password: 'correct horse battery' }));
    expect(ok(await unverified.client.orgs.list()).orgs.map((o) => o.id)).toEqual([org.id]);
  });

  it("lists invitations to the caller's verified address and accepts or declines them", async () => {
    const { org, email } = await inviteFlow();
    const invitee = await member(t, 'invitee', email);
    expect(ok(await invitee.client.invitations.listMine()).invitations).toEqual([]);
    const store = await t.authkit.api.store();
    await store.users.markEmailVerified(invitee.userId, new Date());
    const mine = ok(await invitee.client.invitations.listMine()).invitations;
    expect(mine).toEqual([
      expect.objectContaining({ org: expect.objectContaining({ id: org.id }) }),
    ]);
    expect(ok(await invitee.client.invitations.acceptMine(mine[0]!.id)).id).toBe(org.id);
    expect(ok(await invitee.client.invitations.listMine()).invitations).toEqual([]);

    const other = await inviteFlow();
    const decliner = await member(t, 'invitee', other.email);
    await store.users.markEmailVerified(decliner.userId, new Date());
    const theirs = ok(await decliner.client.invitations.listMine()).invitations;
    ok(await decliner.client.invitations.declineMine(theirs[0]!.id));
    const declined = await decliner.client.invitations.accept(other.token);
    expect(declined.ok || declined.error).toMatchObject({ code: 'invitation_revoked' });
  });
});
