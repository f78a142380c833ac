import { AuthkitError } from '../domain/errors.js';
import { newSortableId } from '../domain/ids.js';
import { checkPolicyMatchers, type WorkloadPolicy } from '../domain/workload-trust.js';
import type { WorkloadPolicyPatch, WorkloadPolicyRecord } from '../ports/workload-store.js';
import type { IdentityService } from './identity-service.js';
import type { ScopeCatalog } from './key-scopes.js';
import { requireAssignable, requireKnownRoles, type OrgAccess } from './org-access.js';
import type { OrgMutations, OrgWork } from './org-mutations.js';
import type { RequestContext } from './request-context.js';

export interface WorkloadPolicyInput {
  name: string;
  issuer: string;
  audience: string;
  subject?: string | null | undefined;
  conditions?: Record<string, string> | undefined;
  roles?: string[] | undefined;
  scopes?: string[] | undefined;
  tokenTtlSeconds?: number | null | undefined;
  enabled?: boolean | undefined;
}

export type WorkloadPolicyChange = Partial<Omit<WorkloadPolicyInput, 'issuer'>>;

export interface WorkloadPolicyServiceOptions {
  trustedIssuers: readonly string[];
  maxPerOrg: number;
  /** After a delete: the policy id is revoked for this instance's checks too. */
  onRevoked?: (policyId: string) => Promise<void>;
}

const PERMISSION = 'workload:manage';
const notFound = () => new AuthkitError('not_found', 'no such trust policy', { field: 'policyId' });

export function workloadPolicyView(p: WorkloadPolicyRecord): WorkloadPolicy {
  return {
    id: p.id,
    orgId: p.orgId,
    name: p.name,
    issuer: p.issuer,
    audience: p.audience,
    subject: p.subject,
    conditions: p.conditions,
    roles: p.roles,
    scopes: p.scopes,
    tokenTtlSeconds: p.tokenTtlSeconds,
    enabled: p.enabled,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * An org's workload trust policies (`workload:manage`). A policy can grant no more than its
 * author holds: its roles must be assignable by them and its scopes held, as for org API keys.
 */
export class WorkloadPolicyService {
  constructor(
    private readonly orgs: OrgMutations,
    private readonly identity: IdentityService,
    private readonly catalog: ScopeCatalog,
    private readonly options: WorkloadPolicyServiceOptions,
  ) {}

  list(actorId: string, orgId: string, page: { cursor?: string | undefined; limit: number }) {
    return this.orgs.read(orgId, actorId, PERMISSION, async ({ scoped }) => {
      const rows = await scoped.workloadPolicies.list({ ...page, limit: page.limit + 1 });
      const more = rows.length > page.limit;
      const shown = more ? rows.slice(0, page.limit) : rows;
      return {
        policies: shown.map(workloadPolicyView),
        nextCursor: more ? (shown.at(-1)?.id ?? null) : null,
      };
    });
  }

  get(actorId: string, orgId: string, policyId: string): Promise<WorkloadPolicy> {
    return this.orgs.read(orgId, actorId, PERMISSION, async ({ scoped }) => {
      const found = await scoped.workloadPolicies.get(policyId);
      if (!found) throw notFound();
      return workloadPolicyView(found);
    });
  }

  create(
    actorId: string,
    orgId: string,
    input: WorkloadPolicyInput,
    context: RequestContext,
  ): Promise<WorkloadPolicy> {
    return this.orgs.write(orgId, actorId, PERMISSION, context, async (work) => {
      // Checked after the caller's access: an outsider learns nothing, not even what is valid.
      if (!this.options.trustedIssuers.includes(input.issuer)) {
        throw new AuthkitError(
          'untrusted_issuer',
          'this server does not trust that issuer (see workloadIssuers)',
          { field: 'issuer' },
        );
      }
      const matchers = checkPolicyMatchers({
        issuer: input.issuer,
        subject: input.subject ?? null,
        conditions: input.conditions ?? {},
      });
      const grants = await this.grants(work, actorId, orgId, input.roles ?? [], input.scopes ?? []);
      if ((await work.scoped.workloadPolicies.count()) >= this.options.maxPerOrg) {
        throw new AuthkitError(
          'workload_policy_limit_reached',
          `an org may have at most ${this.options.maxPerOrg} trust policies`,
        );
      }
      const now = this.orgs.clock.now();
      const created = await work.scoped.workloadPolicies.create({
        id: newSortableId('wtp', now),
        name: input.name,
        issuer: input.issuer,
        audience: input.audience,
        ...matchers,
        ...grants,
        tokenTtlSeconds: input.tokenTtlSeconds ?? null,
        enabled: input.enabled ?? true,
        createdBy: actorId,
      });
      await work.audit('workload_policy.created', ['workload_policy', created.id], {
        issuer: created.issuer,
        roles: created.roles,
        scopes: created.scopes,
      });
      return workloadPolicyView(created);
    });
  }

  update(
    actorId: string,
    orgId: string,
    policyId: string,
    change: WorkloadPolicyChange,
    context: RequestContext,
  ): Promise<WorkloadPolicy> {
    return this.orgs.write(orgId, actorId, PERMISSION, context, async (work) => {
      const current = await work.scoped.workloadPolicies.get(policyId);
      if (!current) throw notFound();
      const patch: WorkloadPolicyPatch = {};
      if (change.name !== undefined) patch.name = change.name;
      if (change.audience !== undefined) patch.audience = change.audience;
      if (change.tokenTtlSeconds !== undefined) patch.tokenTtlSeconds = change.tokenTtlSeconds;
      if (change.enabled !== undefined) patch.enabled = change.enabled;
      if (change.subject !== undefined || change.conditions !== undefined) {
        Object.assign(
          patch,
          checkPolicyMatchers({
            issuer: current.issuer,
            subject: change.subject === undefined ? current.subject : change.subject,
            conditions: change.conditions ?? current.conditions,
          }),
        );
      }
      if (change.roles !== undefined || change.scopes !== undefined) {
        Object.assign(
          patch,
          await this.grants(
            work,
            actorId,
            orgId,
            change.roles ?? current.roles,
            change.scopes ?? current.scopes,
          ),
        );
      }
      const updated = await work.scoped.workloadPolicies.update(
        policyId,
        patch,
        this.orgs.clock.now(),
      );
      if (!updated) throw notFound();
      await work.audit('workload_policy.updated', ['workload_policy', policyId], {
        fields: Object.keys(patch).sort(),
      });
      return workloadPolicyView(updated);
    });
  }

  /**
   * Deletes a policy and revokes the tokens exchanged under it (they carry its id as `sid`): the
   * revocation list names it, so forward-auth and verifiers polling the list refuse them at once.
   */
  async delete(actorId: string, orgId: string, policyId: string, context: RequestContext) {
    await this.orgs.write(orgId, actorId, PERMISSION, context, async (work) => {
      if (!(await work.scoped.workloadPolicies.delete(policyId))) throw notFound();
      await work.tx.tokenRevocations.add(policyId, this.orgs.clock.now());
      await work.audit('workload_policy.deleted', ['workload_policy', policyId]);
    });
    await this.options.onRevoked?.(policyId);
  }

  /** Roles the author may assign and scopes the author holds; at least one of either. */
  private async grants(
    work: OrgWork,
    actorId: string,
    orgId: string,
    roles: readonly string[],
    scopes: readonly string[],
  ): Promise<{ roles: string[]; scopes: string[] }> {
    const access: OrgAccess = work.access;
    const known = requireKnownRoles(access, roles);
    requireAssignable(access, known);
    const resolved = await this.identity.effective(actorId, orgId, work.tx);
    if (!resolved) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
    const held = this.catalog.requireHeld('org', resolved.identity, scopes);
    if (known.length === 0 && held.length === 0) {
      throw new AuthkitError('invalid_request', 'a trust policy must grant roles or scopes', {
        field: 'scopes',
      });
    }
    return { roles: known, scopes: held };
  }
}
