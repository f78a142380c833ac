/** The client's workload-identity namespace: an org's trust policies (issue 13). */
import type { WorkloadPolicy } from '../domain/workload-trust.js';
import type {
  WorkloadPolicyChange,
  WorkloadPolicyInput,
} from '../services/workload-policy-service.js';
import type { AuthClient, Result } from './create-auth-client.js';
import type { Page } from './tenancy-client.js';

export type { WorkloadPolicy, WorkloadPolicyChange, WorkloadPolicyInput };

export interface WorkloadPoliciesClient {
  list(
    orgId: string,
    page?: Page,
  ): Promise<Result<{ policies: WorkloadPolicy[]; nextCursor: string | null }>>;
  get(orgId: string, policyId: string): Promise<Result<WorkloadPolicy>>;
  /** Trusts tokens from `issuer` for `audience` whose subject and claims match the patterns. */
  create(orgId: string, input: WorkloadPolicyInput): Promise<Result<WorkloadPolicy>>;
  update(
    orgId: string,
    policyId: string,
    change: WorkloadPolicyChange,
  ): Promise<Result<WorkloadPolicy>>;
  delete(orgId: string, policyId: string): Promise<Result<null>>;
}

const seg = encodeURIComponent;

/**
 * Trust policies over an existing client. A separate factory, not a property of the client, so
 * sign-in bundles never carry it.
 */
export function createWorkloadClient(client: AuthClient): WorkloadPoliciesClient {
  const base = (orgId: string) => `/orgs/${seg(orgId)}/workload-policies`;
  const query = (page: Page = {}) => {
    const params = new URLSearchParams();
    if (page.cursor) params.set('cursor', page.cursor);
    if (page.limit) params.set('limit', String(page.limit));
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  return {
    list: (orgId, page) => client.request('GET', `${base(orgId)}${query(page)}`),
    get: (orgId, id) => client.request('GET', `${base(orgId)}/${seg(id)}`),
    create: (orgId, input) => client.request('POST', base(orgId), input),
    update: (orgId, id, change) => client.request('PATCH', `${base(orgId)}/${seg(id)}`, change),
    delete: (orgId, id) => client.request('DELETE', `${base(orgId)}/${seg(id)}`),
  };
}
