/** Persistence of workload trust policies (migration 0009). */

export interface WorkloadPolicyRecord {
  id: string;
  orgId: string;
  name: string;
  issuer: string;
  audience: string;
  subject: string | null;
  conditions: Record<string, string>;
  roles: string[];
  scopes: string[];
  tokenTtlSeconds: number | null;
  enabled: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
}

export type NewWorkloadPolicy = Omit<
  WorkloadPolicyRecord,
  'orgId' | 'createdAt' | 'updatedAt' | 'lastUsedAt'
>;

export type WorkloadPolicyPatch = Partial<
  Pick<
    WorkloadPolicyRecord,
    | 'name'
    | 'audience'
    | 'subject'
    | 'conditions'
    | 'roles'
    | 'scopes'
    | 'tokenTtlSeconds'
    | 'enabled'
  >
>;

/** One org's policies; every statement is scoped by that org. */
export interface WorkloadPolicyRepository {
  /** Oldest first (ids sort by creation), after `cursor`. */
  list(page: { cursor?: string | undefined; limit: number }): Promise<WorkloadPolicyRecord[]>;
  get(id: string): Promise<WorkloadPolicyRecord | null>;
  create(policy: NewWorkloadPolicy): Promise<WorkloadPolicyRecord>;
  update(id: string, patch: WorkloadPolicyPatch, at: Date): Promise<WorkloadPolicyRecord | null>;
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
}

/** What the exchange reads across orgs: the enabled policies of live orgs trusting an issuer. */
export interface WorkloadPolicyLookups {
  forIssuer(issuer: string): Promise<Array<WorkloadPolicyRecord & { plan: string | null }>>;
  /** Records when policies were last used (written behind, in one statement). */
  touch(entries: Array<{ id: string; at: Date }>): Promise<void>;
}
