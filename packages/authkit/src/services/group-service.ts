import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { validateLabels } from '../domain/labels.js';
import type { Group, GroupMember } from '../domain/tenancy.js';
import type { OrgScopedRepository } from '../ports/store.js';
import type { GroupMemberRecord, GroupRecord } from '../ports/tenancy-store.js';
import { requireAssignable, requireKnownRoles } from './org-access.js';
import type { OrgMutations, OrgWork } from './org-mutations.js';
import type { RequestContext } from './request-context.js';
import { isUniqueViolation } from './unique-violation.js';

const MAX_GROUPS_PER_ORG = 1000;
const MAX_DEPTH = 8;

export const toGroup = (g: GroupRecord): Group => ({
  id: g.id,
  orgId: g.orgId,
  name: g.name,
  description: g.description,
  parentId: g.parentId,
  labels: g.labels,
  roles: g.roles,
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

const toGroupMember = (
  m: GroupMemberRecord,
  user: { email: string; name: string | null },
): GroupMember => ({
  groupId: m.groupId,
  userId: m.userId,
  email: user.email,
  name: user.name,
  role: m.role,
  createdAt: m.createdAt.toISOString(),
});

export interface GroupInput {
  name?: string | undefined;
  description?: string | null | undefined;
  parentId?: string | null | undefined;
  labels?: string[] | undefined;
  roles?: string[] | undefined;
}

/** Groups (departments, teams) nest inside an org; members hold an optional role per group. */
export class GroupService {
  constructor(private readonly orgs: OrgMutations) {}

  list(actorId: string, orgId: string, page: { cursor?: string | undefined; limit: number }) {
    return this.orgs.read(orgId, actorId, 'org:read', async ({ scoped }) => {
      const rows = await scoped.groups.list({ ...page, limit: page.limit + 1 });
      const groups = rows.slice(0, page.limit).map(toGroup);
      return {
        groups,
        nextCursor: rows.length > page.limit ? groups[groups.length - 1]!.id : null,
      };
    });
  }

  get(actorId: string, orgId: string, groupId: string): Promise<Group> {
    return this.orgs.read(orgId, actorId, 'org:read', async ({ scoped }) =>
      toGroup(await found(scoped, groupId)),
    );
  }

  create(
    actorId: string,
    orgId: string,
    input: GroupInput & { name: string },
    context: RequestContext,
  ) {
    return this.orgs.write(orgId, actorId, 'groups:manage', context, async (work) => {
      const checked = await this.check(work, input, null);
      if ((await work.scoped.groups.count()) >= MAX_GROUPS_PER_ORG) {
        throw new AuthkitError(
          'invalid_request',
          `an org has at most ${MAX_GROUPS_PER_ORG} groups`,
        );
      }
      const group = await named(input.name, () =>
        work.scoped.groups.create({
          id: newId('grp'),
          name: input.name,
          description: input.description ?? null,
          parentId: input.parentId ?? null,
          labels: checked.labels ?? [],
          roles: checked.roles ?? [],
        }),
      );
      await work.audit('group.created', ['group', group.id], { name: group.name });
      return toGroup(group);
    });
  }

  update(
    actorId: string,
    orgId: string,
    groupId: string,
    patch: GroupInput,
    context: RequestContext,
  ) {
    return this.orgs.write(orgId, actorId, 'groups:manage', context, async (work) => {
      // Changing what a group grants is granting (or taking) it from every member.
      requireAssignable(work.access, (await found(work.scoped, groupId)).roles);
      const checked = await this.check(work, patch, groupId);
      const changes = Object.fromEntries(
        Object.entries({ ...patch, ...checked }).filter(([, v]) => v !== undefined),
      );
      const group = await named(patch.name ?? '', () =>
        work.scoped.groups.update(groupId, changes, this.orgs.clock.now()),
      );
      await work.audit('group.updated', ['group', groupId], {
        fields: Object.keys(changes).sort(),
      });
      return toGroup(group!);
    });
  }

  remove(actorId: string, orgId: string, groupId: string, context: RequestContext) {
    return this.orgs.write(orgId, actorId, 'groups:manage', context, async (work) => {
      requireAssignable(work.access, (await found(work.scoped, groupId)).roles);
      if (!(await work.scoped.groups.delete(groupId))) throw noGroup();
      await work.audit('group.deleted', ['group', groupId]);
    });
  }

  listMembers(
    actorId: string,
    orgId: string,
    groupId: string,
    page: { cursor?: string | undefined; limit: number },
  ) {
    return this.orgs.read(orgId, actorId, 'members:read', async ({ scoped }) => {
      await found(scoped, groupId);
      const rows = await scoped.groups.listMembers(groupId, { ...page, limit: page.limit + 1 });
      const members = rows.slice(0, page.limit).map((r) => toGroupMember(r.member, r));
      return {
        members,
        nextCursor: rows.length > page.limit ? members[members.length - 1]!.userId : null,
      };
    });
  }

  setMember(
    actorId: string,
    orgId: string,
    groupId: string,
    userId: string,
    role: string | null,
    context: RequestContext,
  ): Promise<GroupMember> {
    return this.orgs.write(orgId, actorId, 'groups:manage', context, async (work) => {
      const group = await found(work.scoped, groupId);
      if (!(await work.scoped.membership(userId))) {
        throw new AuthkitError('not_found', 'no such member', { field: 'userId' });
      }
      if (role !== null) requireKnownRoles(work.access, [role], 'role');
      // Joining a group is being granted its roles; replacing a per-group role takes the old one.
      const held = (await work.scoped.groups.groupsOf(userId)).find((g) => g.group.id === groupId);
      requireAssignable(work.access, [
        ...group.roles,
        ...(role ? [role] : []),
        ...(held?.role ? [held.role] : []),
      ]);
      const member = await work.scoped.groups.setMember(groupId, userId, role);
      const user = await work.tx.users.findById(userId);
      await work.audit('group.member_set', ['group', groupId], { userId, role });
      return toGroupMember(member, user!);
    });
  }

  removeMember(
    actorId: string,
    orgId: string,
    groupId: string,
    userId: string,
    context: RequestContext,
  ) {
    return this.orgs.write(orgId, actorId, 'groups:manage', context, async (work) => {
      const held = (await work.scoped.groups.groupsOf(userId)).find((g) => g.group.id === groupId);
      if (held) {
        requireAssignable(work.access, [...held.group.roles, ...(held.role ? [held.role] : [])]);
      }
      if (!(await work.scoped.groups.removeMember(groupId, userId))) {
        throw new AuthkitError('not_found', 'no such group member', { field: 'userId' });
      }
      await work.audit('group.member_removed', ['group', groupId], { userId });
    });
  }

  /** Labels and roles valid, roles assignable, and the parent a group of this org, not a cycle. */
  private async check(work: OrgWork, input: GroupInput, selfId: string | null) {
    if (input.labels) validateLabels(input.labels, 'labels');
    const roles = input.roles ? requireKnownRoles(work.access, input.roles) : undefined;
    if (roles) requireAssignable(work.access, roles);
    let parentId = input.parentId ?? null;
    for (let depth = 0; parentId !== null; depth += 1) {
      if (parentId === selfId || depth >= MAX_DEPTH) {
        throw new AuthkitError(
          'invalid_request',
          'a group cannot be its own ancestor or nest deeper than 8',
          {
            field: 'parentId',
          },
        );
      }
      const parent = await work.scoped.groups.get(parentId);
      if (!parent)
        throw new AuthkitError('not_found', 'no such parent group', { field: 'parentId' });
      parentId = parent.parentId;
    }
    return { labels: input.labels, roles };
  }
}

const noGroup = () => new AuthkitError('not_found', 'no such group', { field: 'groupId' });

async function found(scoped: OrgScopedRepository, groupId: string): Promise<GroupRecord> {
  const group = await scoped.groups.get(groupId);
  if (!group) throw noGroup();
  return group;
}

async function named<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AuthkitError('group_name_taken', `a group named "${name}" exists`, {
        field: 'name',
      });
    }
    throw error;
  }
}
