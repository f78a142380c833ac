import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type {
  WorkloadPolicyLookups,
  WorkloadPolicyRecord,
  WorkloadPolicyRepository,
} from '../../ports/workload-store.js';
import type { Db } from './db.js';
import { orgs, workloadPolicies } from './schema.js';
import type { Run } from './tenant-scope.js';

export function createWorkloadPolicyRepository(run: Run, orgId: string): WorkloadPolicyRepository {
  const inOrg = eq(workloadPolicies.orgId, orgId);
  const byId = (id: string) => and(inOrg, eq(workloadPolicies.id, id));
  return {
    list: (page) =>
      run((db) =>
        db
          .select()
          .from(workloadPolicies)
          .where(page.cursor ? and(inOrg, gt(workloadPolicies.id, page.cursor)) : inOrg)
          .orderBy(asc(workloadPolicies.id))
          .limit(page.limit),
      ),
    get: (id) =>
      run(async (db) => {
        const [row] = await db.select().from(workloadPolicies).where(byId(id)).limit(1);
        return row ?? null;
      }),
    create: (policy) =>
      run(async (db) => {
        const [row] = await db
          .insert(workloadPolicies)
          .values({ ...policy, orgId })
          .returning();
        return row as WorkloadPolicyRecord;
      }),
    update: (id, patch, at) =>
      run(async (db) => {
        const [row] = await db
          .update(workloadPolicies)
          .set({ ...patch, updatedAt: at })
          .where(byId(id))
          .returning();
        return row ?? null;
      }),
    delete: (id) =>
      run(async (db) => {
        const rows = await db
          .delete(workloadPolicies)
          .where(byId(id))
          .returning({ id: workloadPolicies.id });
        return rows.length === 1;
      }),
    count: () =>
      run(async (db) => {
        const [row] = await db.select({ n: count() }).from(workloadPolicies).where(inOrg);
        return row?.n ?? 0;
      }),
  };
}

export function createWorkloadPolicyLookups(db: Db): WorkloadPolicyLookups {
  return {
    async forIssuer(issuer) {
      const rows = await db
        .select({ policy: workloadPolicies, plan: orgs.plan })
        .from(workloadPolicies)
        .innerJoin(orgs, eq(orgs.id, workloadPolicies.orgId))
        .where(
          and(
            eq(workloadPolicies.issuer, issuer),
            eq(workloadPolicies.enabled, true),
            eq(orgs.status, 'active'),
          ),
        )
        .orderBy(asc(workloadPolicies.id))
        .limit(1000);
      return rows.map((r) => ({ ...r.policy, plan: r.plan }));
    },
    async touch(entries) {
      if (entries.length === 0) return;
      // One statement and one time (the latest) for the batch; never moves lastUsedAt back.
      const at = new Date(Math.max(...entries.map((e) => e.at.getTime()))).toISOString();
      await db
        .update(workloadPolicies)
        .set({ lastUsedAt: sql`greatest(${workloadPolicies.lastUsedAt}, ${at}::timestamptz)` })
        .where(
          inArray(
            workloadPolicies.id,
            entries.map((e) => e.id),
          ),
        );
    },
  };
}
