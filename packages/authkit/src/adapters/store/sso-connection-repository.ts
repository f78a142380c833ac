import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type {
  SsoConnectionLookups,
  SsoConnectionRecord,
  SsoConnectionRepository,
} from '../../ports/sso-store.js';
import type { Db } from './db.js';
import { orgDomains, orgs } from './schema.js';
import { ssoConnections, ssoGrants } from './schema-sso.js';
import type { Run } from './tenant-scope.js';

export function createSsoConnectionRepository(run: Run, orgId: string): SsoConnectionRepository {
  const inOrg = eq(ssoConnections.orgId, orgId);
  return {
    get: () =>
      run(async (db) => {
        const [row] = await db.select().from(ssoConnections).where(inOrg).limit(1);
        return row ?? null;
      }),
    put: (connection, at) =>
      run(async (db) => {
        const { id: _id, createdBy: _by, ...changes } = connection;
        const [row] = await db
          .insert(ssoConnections)
          .values({ ...connection, orgId, createdAt: at, updatedAt: at })
          .onConflictDoUpdate({
            target: ssoConnections.orgId,
            set: { ...changes, updatedAt: at },
          })
          .returning();
        return row as SsoConnectionRecord;
      }),
    delete: () =>
      run(async (db) => {
        const rows = await db
          .delete(ssoConnections)
          .where(inOrg)
          .returning({ id: ssoConnections.id });
        await db.delete(ssoGrants).where(eq(ssoGrants.orgId, orgId));
        return rows.length === 1;
      }),
    setMapping: (mapping, at) =>
      run(async (db) => {
        const [row] = await db
          .update(ssoConnections)
          .set({ ...mapping, updatedAt: at })
          .where(inOrg)
          .returning();
        return row ?? null;
      }),
    grantsOf: (userId) =>
      run(async (db) => {
        const [row] = await db
          .select()
          .from(ssoGrants)
          .where(and(eq(ssoGrants.orgId, orgId), eq(ssoGrants.userId, userId)))
          .limit(1);
        return row ?? null;
      }),
    putGrants: (grants, at) =>
      run(async (db) => {
        await db
          .insert(ssoGrants)
          .values({ ...grants, orgId, updatedAt: at })
          .onConflictDoUpdate({
            target: [ssoGrants.orgId, ssoGrants.userId],
            set: {
              roles: grants.roles,
              groups: grants.groups,
              labels: grants.labels,
              updatedAt: at,
            },
          });
      }),
    deleteGrants: (userId) =>
      run(async (db) => {
        await db
          .delete(ssoGrants)
          .where(and(eq(ssoGrants.orgId, orgId), eq(ssoGrants.userId, userId)));
      }),
  };
}

const inLiveOrg = sql`exists (select 1 from ${orgs} where ${orgs.id} = ${ssoConnections.orgId} and ${orgs.status} = 'active')`;

export function createSsoConnectionLookups(db: Db): SsoConnectionLookups {
  return {
    async byId(id) {
      const [row] = await db
        .select()
        .from(ssoConnections)
        .where(and(eq(ssoConnections.id, id), inLiveOrg))
        .limit(1);
      return row ?? null;
    },
    async forDomain(domain) {
      const rows = await db
        .select({ connection: ssoConnections })
        .from(ssoConnections)
        .innerJoin(orgDomains, eq(orgDomains.orgId, ssoConnections.orgId))
        .where(
          and(
            eq(orgDomains.domain, domain),
            isNotNull(orgDomains.verifiedAt),
            eq(ssoConnections.enabled, true),
            inLiveOrg,
          ),
        )
        .orderBy(asc(ssoConnections.createdAt), asc(ssoConnections.id))
        .limit(10);
      return rows.map((r) => r.connection);
    },
  };
}
