import { recordEvent } from './event-recorder.js';
import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { MyOrg, Org, OrgProfile } from '../domain/org.js';
import { RESERVED_SLUGS } from '../domain/org.js';
import type { Clock } from '../ports/clock.js';
import type { OrgPatch, OrgRecord, StorePort } from '../ports/store.js';
import { isUniqueViolation } from './unique-violation.js';
import type { IdentityService } from './identity-service.js';
import { orgAccess, orgAudit, requirePermission } from './org-access.js';
import type { RequestContext } from './request-context.js';

export function toOrg(record: OrgRecord): Org {
  return {
    id: record.id,
    slug: record.slug,
    name: record.name,
    status: record.status,
    ownerId: record.ownerId,
    profile: record.profile,
    settings: record.settings,
    labels: record.labels,
    plan: record.plan,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export interface OrgServiceOptions {
  /** Most live orgs one user may own; undefined: no limit. */
  maxOrgsPerUser: number | undefined;
}

export interface NewOrgInput {
  name: string;
  slug: string;
  profile?: OrgProfile | undefined;
  settings?: Record<string, unknown> | undefined;
}

/** Orgs: create, read, update, soft delete, and the caller's list. Every org query is scoped. */
export class OrgService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly options: OrgServiceOptions,
    private readonly identity?: IdentityService,
  ) {}

  async create(userId: string, input: NewOrgInput, context: RequestContext): Promise<MyOrg> {
    const slug = input.slug.toLowerCase();
    if (RESERVED_SLUGS.has(slug)) {
      throw new AuthkitError('slug_taken', `the slug "${slug}" is reserved`, { field: 'slug' });
    }
    const max = this.options.maxOrgsPerUser;
    if (max !== undefined && (await this.store.orgs.countOwnedBy(userId)) >= max) {
      throw new AuthkitError('org_limit_reached', `you can own at most ${max} organisations`);
    }
    try {
      return await this.store.transaction(async (tx) => {
        const org = await tx.orgs.create(
          {
            id: newId('org'),
            slug,
            name: input.name,
            ownerId: userId,
            profile: input.profile ?? {},
            settings: input.settings ?? {},
          },
          ['owner'],
        );
        await orgAudit(tx, this.clock, {
          action: 'org.created',
          actorId: userId,
          orgId: org.id,
          target: ['org', org.id],
          context,
          data: { slug },
        });
        return { ...toOrg(org), roles: ['owner'] };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AuthkitError('slug_taken', `the slug "${slug}" is taken`, { field: 'slug' });
      }
      throw error;
    }
  }

  async get(userId: string, orgId: string): Promise<MyOrg> {
    const { org, membership, permissions } = await orgAccess(this.store.orgs.scoped(orgId), userId);
    requirePermission(permissions, 'org:read');
    return { ...toOrg(org), roles: membership.roles };
  }

  async listMine(
    userId: string,
    page: { cursor?: string | undefined; limit: number },
  ): Promise<{ orgs: MyOrg[]; nextCursor: string | null }> {
    const rows = await this.store.orgs.listForUser(userId, { ...page, limit: page.limit + 1 });
    const more = rows.length > page.limit;
    const orgs = rows.slice(0, page.limit).map((r) => ({ ...toOrg(r.org), roles: r.roles }));
    return { orgs, nextCursor: more ? orgs[orgs.length - 1]!.id : null };
  }

  async update(
    userId: string,
    orgId: string,
    patch: OrgPatch,
    context: RequestContext,
  ): Promise<MyOrg> {
    const result = await this.store.transaction(async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      const { membership, permissions } = await orgAccess(scoped, userId);
      requirePermission(permissions, 'org:update');
      const updated = await scoped.update(patch, this.clock.now());
      if (!updated) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
      await orgAudit(tx, this.clock, {
        action: 'org.updated',
        actorId: userId,
        orgId: orgId,
        target: ['org', orgId],
        context,
        data: {
          fields: Object.keys(patch).sort(),
        },
      });
      return { ...toOrg(updated), roles: membership.roles };
    });
    await this.identity?.invalidateOrg(orgId);
    return result;
  }

  async remove(userId: string, orgId: string, context: RequestContext): Promise<void> {
    await this.store.transaction(async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      const { permissions } = await orgAccess(scoped, userId);
      requirePermission(permissions, 'org:delete');
      await scoped.softDelete(this.clock.now());
      await orgAudit(tx, this.clock, {
        action: 'org.deleted',
        actorId: userId,
        orgId: orgId,
        target: ['org', orgId],
        context,
        data: {},
      });
    });
    await this.identity?.invalidateOrg(orgId);
  }

  /** Sets an org's plan (billing, operators): not an org admin's call, so no HTTP route. */
  async setPlan(orgId: string, plan: string | null): Promise<void> {
    await this.store.transaction(async (tx) => {
      const updated = await tx.orgs.scoped(orgId).update({ plan }, this.clock.now());
      if (!updated) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
      await recordEvent(tx, this.clock, {
        action: 'org.plan_changed',
        actorType: 'system',
        targetType: 'org',
        targetId: orgId,
        orgId,
        data: { plan },
        webhookData: { orgId, fields: ['plan'], plan },
      });
    });
    await this.identity?.invalidateOrg(orgId);
  }
}
