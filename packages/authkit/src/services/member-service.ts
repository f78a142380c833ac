import { AuthkitError } from '../domain/errors.js';
import { newSortableId } from '../domain/ids.js';
import { validateLabels } from '../domain/labels.js';
import type { Member } from '../domain/org.js';
import type { MembershipRecord, OrgScopedRepository } from '../ports/store.js';
import {
  requireAssignable,
  requireKnownRoles,
  requireOutranks,
  requirePermission,
  type OrgAccess,
} from './org-access.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';

export const toMember = (
  m: MembershipRecord,
  user: { email: string; name: string | null },
  groups: string[],
): Member => ({
  userId: m.userId,
  email: user.email,
  name: user.name,
  roles: m.roles,
  groups,
  labelsDelta: m.labelsDelta,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

/** Puts a member in exactly `groupIds` (all of them this org's), keeping roles held in groups. */
export async function setMemberGroups(
  scoped: OrgScopedRepository,
  userId: string,
  groupIds: readonly string[],
  actor: OrgAccess | null,
): Promise<string[]> {
  const wanted = [...new Set(groupIds)].sort();
  const current = (await scoped.groups.groupIdsOf([userId])).get(userId) ?? [];
  for (const [i, id] of wanted.entries()) {
    const group = await scoped.groups.get(id);
    if (!group) throw new AuthkitError('not_found', 'no such group', { field: `groups.${i}` });
    // A group's roles come with it: joining one is being granted them.
    if (actor && !current.includes(id)) requireAssignable(actor, group.roles, `groups.${i}`);
  }
  for (const id of current) {
    const group = await scoped.groups.get(id);
    if (actor && group && !wanted.includes(id)) requireAssignable(actor, group.roles, 'groups');
  }
  for (const id of current) if (!wanted.includes(id)) await scoped.groups.removeMember(id, userId);
  for (const id of wanted)
    if (!current.includes(id)) await scoped.groups.setMember(id, userId, null);
  return wanted;
}

/**
 * Memberships: list, add, change roles, groups and labels, remove, leave. Writes run under the
 * org's lock (OrgMutations), so "the last owner cannot leave or be demoted" holds under races.
 */
export class MemberService {
  constructor(private readonly orgs: OrgMutations) {}

  async list(
    userId: string,
    orgId: string,
    page: { cursor?: string | undefined; limit: number },
  ): Promise<{ members: Member[]; nextCursor: string | null }> {
    return this.orgs.read(orgId, userId, 'members:read', async ({ scoped }) => {
      const rows = await scoped.listMembers({ ...page, limit: page.limit + 1 });
      const pageRows = rows.slice(0, page.limit);
      const groups = await scoped.groups.groupIdsOf(pageRows.map((r) => r.membership.userId));
      const members = pageRows.map((r) =>
        toMember(r.membership, r, groups.get(r.membership.userId) ?? []),
      );
      return {
        members,
        nextCursor: rows.length > page.limit ? members[members.length - 1]!.userId : null,
      };
    });
  }

  async add(
    actorId: string,
    orgId: string,
    input: { userId: string; roles: string[]; groups?: string[] | undefined },
    context: RequestContext,
  ): Promise<Member> {
    return this.orgs.write(orgId, actorId, 'members:manage', context, async (work) => {
      const { tx, scoped, access } = work;
      const roles = requireKnownRoles(access, input.roles);
      requireAssignable(access, roles);
      const user = await tx.users.findById(input.userId);
      if (!user) throw new AuthkitError('not_found', 'no such user', { field: 'userId' });
      if (await scoped.membership(input.userId)) {
        throw new AuthkitError('already_member', 'already a member of this org', {
          field: 'userId',
        });
      }
      await this.orgs.ensureSeat(scoped, access.org);
      const membership = await scoped.addMember(input.userId, roles);
      const groups = await setMemberGroups(scoped, input.userId, input.groups ?? [], access);
      await work.audit('membership.added', ['membership', input.userId], { roles, groups });
      return toMember(membership, user, groups);
    });
  }

  async update(
    actorId: string,
    orgId: string,
    memberId: string,
    patch: {
      roles?: string[] | undefined;
      labelsDelta?: string[] | undefined;
      groups?: string[] | undefined;
    },
    context: RequestContext,
  ): Promise<Member> {
    return this.orgs.write(orgId, actorId, 'members:manage', context, async (work) => {
      const { tx, scoped, access } = work;
      // Who is addressed is checked before what is asked: another org's user id is a plain 404.
      const current = await scoped.membership(memberId);
      if (!current) throw new AuthkitError('not_found', 'no such member', { field: 'userId' });
      const roles = patch.roles === undefined ? undefined : requireKnownRoles(access, patch.roles);
      if (patch.labelsDelta) validateLabels(patch.labelsDelta, 'labelsDelta');
      if (memberId !== actorId) await requireOutranks(scoped, access, memberId);
      if (roles) {
        // Making or unmaking an owner is ownership transfer: owners only.
        const touchesOwner = roles.includes('owner') !== current.roles.includes('owner');
        if (touchesOwner) requirePermission(access.permissions, 'org:transfer');
        requireAssignable(access, roles);
        if (current.roles.includes('owner') && !roles.includes('owner')) {
          await keepAnOwner(scoped);
        }
      }
      const changes = {
        ...(roles ? { roles } : {}),
        ...(patch.labelsDelta ? { labelsDelta: patch.labelsDelta } : {}),
      };
      const updated = await scoped.updateMember(memberId, changes, this.orgs.clock.now());
      const groups = patch.groups
        ? await setMemberGroups(scoped, memberId, patch.groups, access)
        : ((await scoped.groups.groupIdsOf([memberId])).get(memberId) ?? []);
      const user = await tx.users.findById(memberId);
      const fields = [...Object.keys(changes), ...(patch.groups ? ['groups'] : [])].sort();
      await work.audit('membership.updated', ['membership', memberId], { fields });
      return toMember(updated!, user!, groups);
    });
  }

  /** Removes a member (members:manage), or the caller themself (leaving needs no permission). */
  async remove(
    actorId: string,
    orgId: string,
    memberId: string,
    context: RequestContext,
  ): Promise<void> {
    await this.orgs.write(orgId, actorId, null, context, async (work) => {
      const { scoped, access } = work;
      if (memberId !== actorId) requirePermission(access.permissions, 'members:manage');
      const current = await scoped.membership(memberId);
      if (!current) throw new AuthkitError('not_found', 'no such member', { field: 'userId' });
      if (memberId !== actorId) await requireOutranks(scoped, access, memberId);
      if (current.roles.includes('owner')) {
        if (memberId !== actorId) requirePermission(access.permissions, 'org:transfer');
        await keepAnOwner(scoped);
      }
      await scoped.removeMember(memberId);
      if (memberId !== actorId) {
        // Recorded as a rejected request: a verified domain must not auto-join them back.
        const request = await scoped.requests.create({
          id: newSortableId('mreq', this.orgs.clock.now()),
          userId: memberId,
        });
        await scoped.requests.decide(request.id, 'rejected', actorId, this.orgs.clock.now());
      }
      const action = memberId === actorId ? 'membership.left' : 'membership.removed';
      await work.audit(action, ['membership', memberId]);
    });
  }
}

async function keepAnOwner(scoped: OrgScopedRepository): Promise<void> {
  if ((await scoped.countOwners()) <= 1) {
    throw new AuthkitError('last_owner', 'an org needs an owner: transfer ownership first', {
      field: 'roles',
    });
  }
}
