import { AuthkitError } from '../domain/errors.js';
import { validateLabels } from '../domain/labels.js';
import type { Member } from '../domain/org.js';
import { isBuiltInRole } from '../domain/roles.js';
import type { Clock } from '../ports/clock.js';
import type { MembershipRecord, StorePort } from '../ports/store.js';
import { orgAccess, orgAudit, requirePermission } from './org-access.js';
import type { RequestContext } from './request-context.js';

const toMember = (m: MembershipRecord, user: { email: string; name: string | null }): Member => ({
  userId: m.userId,
  email: user.email,
  name: user.name,
  roles: m.roles,
  groups: [],
  labelsDelta: m.labelsDelta,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

/** Roles named in a request: built-in ones for now (custom roles arrive with the roles API). */
function validateRoles(roles: readonly string[]): string[] {
  roles.forEach((role, i) => {
    if (!isBuiltInRole(role)) {
      throw new AuthkitError('invalid_request', `unknown role "${role}"`, { field: `roles.${i}` });
    }
  });
  return [...new Set(roles)].sort();
}

/**
 * Memberships: list, add, change roles and labels, remove, leave. Writes to one org's members run
 * under that org's advisory lock, so "the last owner cannot leave or be demoted" holds under races.
 */
export class MemberService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
  ) {}

  async list(
    userId: string,
    orgId: string,
    page: { cursor?: string | undefined; limit: number },
  ): Promise<{ members: Member[]; nextCursor: string | null }> {
    const scoped = this.store.orgs.scoped(orgId);
    requirePermission((await orgAccess(scoped, userId)).permissions, 'members:read');
    const rows = await scoped.listMembers({ ...page, limit: page.limit + 1 });
    const members = rows.slice(0, page.limit).map((r) => toMember(r.membership, r));
    return {
      members,
      nextCursor: rows.length > page.limit ? members[members.length - 1]!.userId : null,
    };
  }

  async add(
    actorId: string,
    orgId: string,
    input: { userId: string; roles: string[] },
    context: RequestContext,
  ): Promise<Member> {
    const roles = validateRoles(input.roles);
    return this.store.withLock(`org:${orgId}`, async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      const { permissions } = await orgAccess(scoped, actorId);
      requirePermission(permissions, 'members:manage');
      if (roles.includes('owner')) requirePermission(permissions, 'org:transfer');
      const user = await tx.users.findById(input.userId);
      if (!user) throw new AuthkitError('not_found', 'no such user', { field: 'userId' });
      if (await scoped.membership(input.userId)) {
        throw new AuthkitError('already_member', 'already a member of this org', {
          field: 'userId',
        });
      }
      const membership = await scoped.addMember(input.userId, roles);
      await orgAudit(tx, this.clock, {
        action: 'membership.added',
        actorId,
        orgId,
        target: ['membership', input.userId],
        context,
        data: { roles },
      });
      return toMember(membership, user);
    });
  }

  async update(
    actorId: string,
    orgId: string,
    memberId: string,
    patch: { roles?: string[] | undefined; labelsDelta?: string[] | undefined },
    context: RequestContext,
  ): Promise<Member> {
    const roles = patch.roles === undefined ? undefined : validateRoles(patch.roles);
    if (patch.labelsDelta) validateLabels(patch.labelsDelta, 'labelsDelta');
    return this.store.withLock(`org:${orgId}`, async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      const { permissions } = await orgAccess(scoped, actorId);
      requirePermission(permissions, 'members:manage');
      const current = await scoped.membership(memberId);
      if (!current) throw new AuthkitError('not_found', 'no such member', { field: 'userId' });
      if (roles) {
        // Making or unmaking an owner is ownership transfer: owners only.
        const touchesOwner = roles.includes('owner') !== current.roles.includes('owner');
        if (touchesOwner) requirePermission(permissions, 'org:transfer');
        if (current.roles.includes('owner') && !roles.includes('owner')) {
          await this.keepAnOwner(scoped.countOwners());
        }
      }
      const changes = {
        ...(roles ? { roles } : {}),
        ...(patch.labelsDelta ? { labelsDelta: patch.labelsDelta } : {}),
      };
      const updated = await scoped.updateMember(memberId, changes, this.clock.now());
      const user = await tx.users.findById(memberId);
      await orgAudit(tx, this.clock, {
        action: 'membership.updated',
        actorId,
        orgId,
        target: ['membership', memberId],
        context,
        data: { fields: Object.keys(changes).sort() },
      });
      return toMember(updated!, user!);
    });
  }

  /** Removes a member (members:manage), or the caller themself (leaving needs no permission). */
  async remove(
    actorId: string,
    orgId: string,
    memberId: string,
    context: RequestContext,
  ): Promise<void> {
    await this.store.withLock(`org:${orgId}`, async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      const { permissions } = await orgAccess(scoped, actorId);
      if (memberId !== actorId) requirePermission(permissions, 'members:manage');
      const current = await scoped.membership(memberId);
      if (!current) throw new AuthkitError('not_found', 'no such member', { field: 'userId' });
      if (current.roles.includes('owner')) {
        if (memberId !== actorId) requirePermission(permissions, 'org:transfer');
        await this.keepAnOwner(scoped.countOwners());
      }
      await scoped.removeMember(memberId);
      await orgAudit(tx, this.clock, {
        action: memberId === actorId ? 'membership.left' : 'membership.removed',
        actorId,
        orgId,
        target: ['membership', memberId],
        context,
        data: {},
      });
    });
  }

  private async keepAnOwner(owners: Promise<number>): Promise<void> {
    if ((await owners) <= 1) {
      throw new AuthkitError('last_owner', 'an org needs an owner: transfer ownership first', {
        field: 'roles',
      });
    }
  }
}
