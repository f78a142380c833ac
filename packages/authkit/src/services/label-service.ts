import { recordEvent } from './event-recorder.js';
import { AuthkitError } from '../domain/errors.js';
import { resolveEntitlements, type PlanEntitlements } from '../domain/entitlements.js';
import { validateLabels } from '../domain/labels.js';
import { grants } from '../domain/permissions.js';
import type { OrgEntitlements } from '../domain/tenancy.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';

const FEATURE_PATTERN = /^-?[a-z][a-z0-9_.:-]{0,99}$/;

/** An org's labels, and its entitlements: the plan's features and limits plus per-user overrides. */
export class LabelService {
  constructor(
    private readonly orgs: OrgMutations,
    private readonly plans: Readonly<Record<string, PlanEntitlements>>,
  ) {}

  getLabels(actorId: string, orgId: string) {
    return this.orgs.read(orgId, actorId, 'org:read', async ({ access }) => ({
      labels: access.org.labels,
    }));
  }

  setLabels(actorId: string, orgId: string, labels: string[], context: RequestContext) {
    return this.orgs.write(orgId, actorId, 'labels:manage', context, async (work) => {
      validateLabels(labels, 'labels');
      const list = [...new Set(labels)].sort();
      await work.scoped.update({ labels: list }, this.orgs.clock.now());
      await work.audit('org.updated', ['org', orgId], { fields: ['labels'] });
      return { labels: list };
    });
  }

  getEntitlements(actorId: string, orgId: string): Promise<OrgEntitlements> {
    return this.orgs.read(orgId, actorId, 'org:read', async ({ scoped, access }) => {
      // Who has which override is for those who manage them.
      const overrides = grants(access.permissions, 'entitlements:manage')
        ? (await scoped.entitlements.list()).map((o) => ({
            userId: o.userId,
            features: o.features,
            limits: o.limits,
          }))
        : [];
      return {
        plan: access.org.plan,
        entitlements: resolveEntitlements(access.org.plan, this.plans, null),
        overrides,
      };
    });
  }

  setOverride(
    actorId: string,
    orgId: string,
    userId: string,
    input: { features?: string[] | undefined; limits?: Record<string, number> | undefined },
    context: RequestContext,
  ): Promise<OrgEntitlements> {
    return this.orgs
      .write(orgId, actorId, 'entitlements:manage', context, async (work) => {
        (input.features ?? []).forEach((feature, i) => {
          if (!FEATURE_PATTERN.test(feature)) {
            throw new AuthkitError(
              'invalid_request',
              'a feature is a lower-case name, optionally prefixed with -',
              {
                field: `features.${i}`,
              },
            );
          }
        });
        if (!(await work.scoped.membership(userId))) {
          throw new AuthkitError('not_found', 'no such member', { field: 'userId' });
        }
        this.withinPlan(work.access.org.plan, input);
        await work.scoped.entitlements.set(
          userId,
          { features: [...new Set(input.features ?? [])], limits: input.limits ?? {} },
          this.orgs.clock.now(),
        );
        await work.audit('entitlement.override_set', ['membership', userId], {
          fields: Object.keys(input).sort(),
        });
      })
      .then(() => this.getEntitlements(actorId, orgId));
  }

  /** Billing and operators: any features and limits for a member (no plan ceiling). */
  async setOverrideTrusted(
    orgId: string,
    userId: string,
    input: { features?: string[] | undefined; limits?: Record<string, number> | undefined },
  ): Promise<void> {
    const { store, clock } = this.orgs;
    await store.withLock(`org:${orgId}`, async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      if (!(await scoped.membership(userId))) {
        throw new AuthkitError('not_found', 'no such member', { field: 'userId' });
      }
      const value = { features: [...new Set(input.features ?? [])], limits: input.limits ?? {} };
      await scoped.entitlements.set(userId, value, clock.now());
      await recordEvent(tx, clock, {
        action: 'entitlement.override_set',
        actorType: 'system',
        orgId,
        targetType: 'membership',
        targetId: userId,
        data: { fields: Object.keys(input).sort() },
      });
    });
    await this.orgs.identity.invalidateOrg(orgId);
  }

  /**
   * Org admins may narrow a member's entitlements, never widen them past the plan: granting a
   * feature the plan lacks, or raising a limit, is billing's call (`api.setOrgPlan`).
   */
  private withinPlan(
    plan: string | null,
    input: { features?: string[] | undefined; limits?: Record<string, number> | undefined },
  ): void {
    const base = plan !== null && Object.hasOwn(this.plans, plan) ? this.plans[plan] : undefined;
    (input.features ?? []).forEach((feature, i) => {
      if (!feature.startsWith('-') && !base?.features.includes(feature)) {
        throw new AuthkitError(
          'forbidden',
          `the ${plan ?? 'current'} plan does not include ${feature}`,
          {
            field: `features.${i}`,
          },
        );
      }
    });
    for (const [key, value] of Object.entries(input.limits ?? {})) {
      const ceiling = base?.limits[key];
      if (ceiling === undefined || value > ceiling) {
        throw new AuthkitError('forbidden', `the plan caps ${key} at ${ceiling ?? 'nothing'}`, {
          field: `limits.${key}`,
        });
      }
    }
  }

  removeOverride(actorId: string, orgId: string, userId: string, context: RequestContext) {
    return this.orgs.write(orgId, actorId, 'entitlements:manage', context, async (work) => {
      if (!(await work.scoped.entitlements.remove(userId))) {
        throw new AuthkitError('not_found', 'no override for that member', { field: 'userId' });
      }
      await work.audit('entitlement.override_removed', ['membership', userId]);
    });
  }
}
