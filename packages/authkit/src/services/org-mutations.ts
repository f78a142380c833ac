import { AuthkitError } from '../domain/errors.js';
import type { PlanEntitlements } from '../domain/entitlements.js';
import type { Clock } from '../ports/clock.js';
import type { OrgRecord, OrgScopedRepository, StorePort } from '../ports/store.js';
import type { IdentityService } from './identity-service.js';
import { orgAccess, orgAudit, requirePermission, type OrgAccess } from './org-access.js';
import type { RequestContext } from './request-context.js';

export interface OrgWork {
  tx: StorePort;
  scoped: OrgScopedRepository;
  access: OrgAccess;
  /** Audit (and for org.* / membership.* the outbox) in this transaction. */
  audit(
    action: string,
    target: [type: string, id: string],
    data?: Record<string, unknown>,
  ): Promise<void>;
}

/**
 * The frame every org-scoped service call runs in: the caller's membership and permission are
 * checked first (a non-member gets 404), writes hold the org's advisory lock in one transaction,
 * and after a write commits the org's cached effective identities are invalidated.
 */
export class OrgMutations {
  constructor(
    readonly store: StorePort,
    readonly clock: Clock,
    readonly identity: IdentityService,
    private readonly plans: Readonly<Record<string, PlanEntitlements>>,
  ) {}

  async read<T>(
    orgId: string,
    actorId: string,
    permission: string | null,
    fn: (work: Omit<OrgWork, 'audit' | 'tx'>) => Promise<T>,
  ): Promise<T> {
    const scoped = this.store.orgs.scoped(orgId);
    const access = await orgAccess(scoped, actorId);
    if (permission) requirePermission(access.permissions, permission);
    return fn({ scoped, access });
  }

  async write<T>(
    orgId: string,
    actorId: string,
    permission: string | null,
    context: RequestContext,
    fn: (work: OrgWork) => Promise<T>,
  ): Promise<T> {
    const result = await this.store.withLock(`org:${orgId}`, async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      const access = await orgAccess(scoped, actorId);
      if (permission) requirePermission(access.permissions, permission);
      const audit: OrgWork['audit'] = async (action, target, data = {}) => {
        await orgAudit(tx, this.clock, { action, actorId, orgId, target, context, data });
      };
      return fn({ tx, scoped, access, audit });
    });
    await this.identity.invalidateOrg(orgId);
    return result;
  }

  /** The plan's `limits.members`, enforced wherever someone joins. */
  async ensureSeat(scoped: OrgScopedRepository, org: OrgRecord): Promise<void> {
    const limit = org.plan ? this.plans[org.plan]?.limits['members'] : undefined;
    if (limit === undefined) return;
    if ((await scoped.countMembers()) >= limit) {
      throw new AuthkitError(
        'member_limit_reached',
        `the ${org.plan} plan allows at most ${limit} members`,
      );
    }
  }
}
