import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm';
import type {
  MembershipRequestRepository,
  OrgDomainRecord,
  OrgDomainRepository,
} from '../../ports/tenancy-store.js';
import { membershipRequests, orgDomains, users } from './schema.js';
import type { Run } from './tenant-scope.js';

export function createOrgDomainRepository(run: Run, orgId: string): OrgDomainRepository {
  const inOrg = eq(orgDomains.orgId, orgId);
  const byId = (id: string) => and(inOrg, eq(orgDomains.id, id));
  return {
    list: () =>
      run((db) => db.select().from(orgDomains).where(inOrg).orderBy(asc(orgDomains.domain))),
    get: (id) =>
      run(async (db) => {
        const [row] = await db.select().from(orgDomains).where(byId(id)).limit(1);
        return (row as OrgDomainRecord | undefined) ?? null;
      }),
    create: (domain) =>
      run(async (db) => {
        const [row] = await db
          .insert(orgDomains)
          .values({ ...domain, orgId })
          .returning();
        return row as OrgDomainRecord;
      }),
    markVerified: (id, at) =>
      run(async (db) => {
        const [row] = await db
          .update(orgDomains)
          .set({ verifiedAt: at })
          .where(and(byId(id), isNull(orgDomains.verifiedAt)))
          .returning();
        return (row as OrgDomainRecord | undefined) ?? null;
      }),
    setMode: (id, mode) =>
      run(async (db) => {
        const [row] = await db.update(orgDomains).set({ mode }).where(byId(id)).returning();
        return (row as OrgDomainRecord | undefined) ?? null;
      }),
    delete: (id) =>
      run(async (db) => {
        const rows = await db.delete(orgDomains).where(byId(id)).returning({ id: orgDomains.id });
        return rows.length === 1;
      }),
  };
}

export function createMembershipRequestRepository(
  run: Run,
  orgId: string,
): MembershipRequestRepository {
  const inOrg = eq(membershipRequests.orgId, orgId);
  const byId = (id: string) => and(inOrg, eq(membershipRequests.id, id));
  return {
    create: (request) =>
      run(async (db) => {
        const [row] = await db
          .insert(membershipRequests)
          .values({ ...request, orgId })
          .returning();
        return row!;
      }),
    list: (page) =>
      run((db) => {
        const conditions = [inOrg];
        if (page.status) conditions.push(eq(membershipRequests.status, page.status));
        if (page.cursor) conditions.push(lt(membershipRequests.id, page.cursor));
        return db
          .select({ request: membershipRequests, email: users.email, name: users.name })
          .from(membershipRequests)
          .innerJoin(users, eq(users.id, membershipRequests.userId))
          .where(and(...conditions))
          .orderBy(desc(membershipRequests.id))
          .limit(page.limit);
      }),
    get: (id) =>
      run(async (db) => {
        const [row] = await db.select().from(membershipRequests).where(byId(id)).limit(1);
        return row ?? null;
      }),
    pendingFor: (userId) =>
      run(async (db) => {
        const [row] = await db
          .select()
          .from(membershipRequests)
          .where(
            and(
              inOrg,
              eq(membershipRequests.userId, userId),
              eq(membershipRequests.status, 'pending'),
            ),
          )
          .limit(1);
        return row ?? null;
      }),
    decide: (id, status, decidedBy, at) =>
      run(async (db) => {
        const [row] = await db
          .update(membershipRequests)
          .set({ status, decidedBy, decidedAt: at })
          .where(and(byId(id), eq(membershipRequests.status, 'pending')))
          .returning();
        return row ?? null;
      }),
  };
}
