import { mapClaims, reconcile, type MappedGrants } from '../domain/claim-mapping.js';
import { isBuiltInRole } from '../domain/roles.js';
import type { OrgScopedRepository, StorePort } from '../ports/store.js';
import { orgAudit } from './org-access.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';
import type { SsoConnection } from './sso-connections.js';

/** What a sign-in through an org's provider did to the membership. */
export type ProvisionOutcome = 'joined' | 'updated' | 'unchanged' | 'removed' | 'refused';

/** Mapped roles and groups that still exist in the org (one deleted since is skipped). */
async function existing(scoped: OrgScopedRepository, mapped: MappedGrants): Promise<MappedGrants> {
  const roles: string[] = [];
  for (const role of mapped.roles) {
    if (isBuiltInRole(role) || (await scoped.roles.get(role))) roles.push(role);
  }
  const groups: string[] = [];
  for (const group of mapped.groups) if (await scoped.groups.get(group)) groups.push(group);
  return { ...mapped, roles, groups };
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Just-in-time provisioning on every sign-in through an org's provider: a newcomer joins with the
 * default role plus what the claim rules grant; a member's roles, groups and labels follow the
 * rules, taking back only what the provider granted before (an admin's own grants stay). With
 * `deprovision`, a sign-in that matches no rule takes the member out (never an owner).
 */
export async function provisionMembership(
  orgs: OrgMutations,
  connection: SsoConnection,
  userId: string,
  claims: Record<string, unknown>,
  context: RequestContext,
): Promise<ProvisionOutcome> {
  const orgId = connection.orgId!;
  const via = { via: 'sso', connectionId: connection.idp.id };
  const outcome = await orgs.store.withLock(`org:${orgId}`, async (tx: StorePort) => {
    const scoped = tx.orgs.scoped(orgId);
    const org = await scoped.get();
    if (!org) return 'unchanged' as const;
    const membership = await scoped.membership(userId);
    const sso = scoped.ssoConnection;
    // Grants of an earlier membership (removed by hand since) are not this one's to take back.
    const none = { roles: [], groups: [], labels: [] };
    const before = membership ? ((await sso.grantsOf(userId)) ?? none) : none;
    const mapped = await existing(scoped, mapClaims(connection.claimRules, claims));
    const audit = (action: string, data: Record<string, unknown>) =>
      orgAudit(tx, orgs.clock, {
        action,
        actorId: userId,
        orgId,
        target: ['membership', userId],
        context,
        data: { ...data, ...via },
      });

    if (connection.deprovision && connection.claimRules.length > 0 && !mapped.matched.length) {
      if (!membership) return 'refused' as const;
      if (membership.roles.includes('owner')) return 'unchanged' as const;
      await scoped.removeMember(userId);
      await sso.deleteGrants(userId);
      await audit('membership.removed', { reason: 'no claim rule matched' });
      return 'removed' as const;
    }

    const now = orgs.clock.now();
    let result: ProvisionOutcome = 'unchanged';
    if (!membership) {
      await orgs.ensureSeat(scoped, org);
      const fallback = (await existing(scoped, { ...mapped, roles: [connection.defaultRole] }))
        .roles;
      const roles = [...new Set([...(fallback.length ? fallback : ['member']), ...mapped.roles])];
      await scoped.addMember(userId, roles.sort());
      if (mapped.labels.length)
        await scoped.updateMember(userId, { labelsDelta: mapped.labels }, now);
      await audit('membership.added', { roles, labels: mapped.labels });
      result = 'joined';
    } else {
      let roles = reconcile(membership.roles, before.roles, mapped.roles);
      if (roles.length === 0) {
        const fallback = await existing(scoped, { ...mapped, roles: [connection.defaultRole] });
        roles = fallback.roles.length ? fallback.roles : ['member'];
      }
      const labels = reconcile(membership.labelsDelta, before.labels, mapped.labels);
      if (
        !same(roles, [...membership.roles].sort()) ||
        !same(labels, [...membership.labelsDelta].sort())
      ) {
        await scoped.updateMember(userId, { roles, labelsDelta: labels }, now);
        await audit('membership.updated', { roles, labels });
        result = 'updated';
      }
    }

    const held = (await scoped.groups.groupIdsOf([userId])).get(userId) ?? [];
    const leave = before.groups.filter((g) => !mapped.groups.includes(g) && held.includes(g));
    const join = mapped.groups.filter((g) => !held.includes(g));
    for (const group of leave) await scoped.groups.removeMember(group, userId);
    for (const group of join) await scoped.groups.setMember(group, userId, null);
    if ((leave.length || join.length) && result === 'unchanged') {
      await audit('membership.updated', { groupsJoined: join, groupsLeft: leave });
      result = 'updated';
    }
    await sso.putGrants(
      { userId, roles: mapped.roles, groups: mapped.groups, labels: mapped.labels },
      now,
    );
    return result;
  });
  if (outcome !== 'unchanged' && outcome !== 'refused') await orgs.identity.invalidateOrg(orgId);
  return outcome;
}
