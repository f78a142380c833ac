import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { OrgRecord, OrgRepository, OrgScopedRepository } from '../../ports/store.js';
import type { Db } from './db.js';
import { createGroupRepository } from './group-repository.js';
import { createInvitationRepository, createInviteLinkRepository } from './invitation-repository.js';
import {
  createOrgDomainRepository,
  createMembershipRequestRepository,
} from './domain-repository.js';
import { createOrgRoleRepository, createUserEntitlementRepository } from './role-repository.js';
import { memberships, orgs, users } from './schema.js';
import { tenantRunner, type Run } from './tenant-scope.js';
import { createOwnedKeyRepository } from './api-key-repository.js';
import { createWorkloadPolicyRepository } from './workload-repository.js';
import { createSsoConnectionRepository } from './sso-connection-repository.js';
import { createDirectoryConnectionRepository } from './directory-connection-repository.js';

const live = eq(orgs.status, 'active');

function scoped(run: Run, orgId: string): OrgScopedRepository {
  // Every statement below filters on this org's id: the tenant boundary lives here, not in callers.
  const byId = and(eq(orgs.id, orgId), live);
  return {
    orgId,
    groups: createGroupRepository(run, orgId),
    roles: createOrgRoleRepository(run, orgId),
    invitations: createInvitationRepository(run, orgId),
    inviteLinks: createInviteLinkRepository(run, orgId),
    domains: createOrgDomainRepository(run, orgId),
    requests: createMembershipRequestRepository(run, orgId),
    entitlements: createUserEntitlementRepository(run, orgId),
    keys: createOwnedKeyRepository(run, { type: 'org', orgId }),
    workloadPolicies: createWorkloadPolicyRepository(run, orgId),
    ssoConnection: createSsoConnectionRepository(run, orgId),
    directory: createDirectoryConnectionRepository(run, orgId),
    countMembers: () =>
      run(async (db) => {
        const [row] = await db
          .select({ n: count() })
          .from(memberships)
          .where(eq(memberships.orgId, orgId));
        return row?.n ?? 0;
      }),
    get: () =>
      run(async (db) => {
        const [row] = await db.select().from(orgs).where(byId).limit(1);
        return (row as OrgRecord | undefined) ?? null;
      }),
    membership: (userId) =>
      run(async (db) => {
        const [row] = await db
          .select()
          .from(memberships)
          .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
          .limit(1);
        return row ?? null;
      }),
    membersAmong: (userIds) =>
      run(async (db) => {
        if (userIds.length === 0) return new Set<string>();
        const rows = await db
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, [...userIds])));
        return new Set(rows.map((r) => r.userId));
      }),
    platformRolesOf: (userId) =>
      run(async (db) => {
        const [row] = await db
          .select({ roles: users.platformRoles })
          .from(users)
          .where(eq(users.id, userId))
          .limit(1);
        return row?.roles ?? [];
      }),
    update: (patch, at) =>
      run(async (db) => {
        const [row] = await db
          .update(orgs)
          .set({ ...patch, updatedAt: at })
          .where(byId)
          .returning();
        return (row as OrgRecord | undefined) ?? null;
      }),
    listMembers: (page) =>
      run(async (db) => {
        const conditions = [eq(memberships.orgId, orgId)];
        if (page.cursor) conditions.push(gt(memberships.userId, page.cursor));
        return db
          .select({ membership: memberships, email: users.email, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(...conditions))
          .orderBy(asc(memberships.userId))
          .limit(page.limit);
      }),
    addMember: (userId, roles) =>
      run(async (db) => {
        const [row] = await db.insert(memberships).values({ orgId, userId, roles }).returning();
        return row!;
      }),
    updateMember: (userId, patch, at) =>
      run(async (db) => {
        const [row] = await db
          .update(memberships)
          .set({ ...patch, updatedAt: at })
          .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
          .returning();
        return row ?? null;
      }),
    removeMember: (userId) =>
      run(async (db) => {
        const rows = await db
          .delete(memberships)
          .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
          .returning({ userId: memberships.userId });
        return rows.length === 1;
      }),
    countOwners: () =>
      run(async (db) => {
        const [row] = await db
          .select({ n: count() })
          .from(memberships)
          .where(and(eq(memberships.orgId, orgId), sql`${memberships.roles} ? 'owner'`));
        return row?.n ?? 0;
      }),
    softDelete: (at) =>
      run(async (db) => {
        const rows = await db
          .update(orgs)
          .set({ status: 'deleted', deletedAt: at, updatedAt: at })
          .where(byId)
          .returning({ id: orgs.id });
        return rows.length === 1;
      }),
  };
}

/**
 * "My orgs" is the hottest tenancy read: built once per handle and prepared (named), so neither
 * Drizzle nor PostgreSQL rebuilds or replans it per call. The (user_id, org_id) index keeps the
 * generic plan an ordered index walk. Needs PgBouncer ≥ 1.21 in transaction mode.
 */
const myOrgs = new WeakMap<Db, ReturnType<typeof prepareMyOrgs>>();

function prepareMyOrgs(db: Db) {
  const query = (afterCursor: boolean) =>
    db
      .select({ org: orgs, roles: memberships.roles })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(
        and(
          eq(memberships.userId, sql.placeholder('userId')),
          live,
          ...(afterCursor ? [gt(memberships.orgId, sql.placeholder('cursor'))] : []),
        ),
      )
      .orderBy(asc(memberships.orgId))
      .limit(sql.placeholder('limit'));
  return {
    first: query(false).prepare('catalyst_my_orgs'),
    after: query(true).prepare('catalyst_my_orgs_after'),
  };
}

function myOrgsStatements(db: Db) {
  let statements = myOrgs.get(db);
  if (!statements) {
    statements = prepareMyOrgs(db);
    myOrgs.set(db, statements);
  }
  return statements;
}

export function createOrgRepository(db: Db, rowLevelSecurity = false): OrgRepository {
  return {
    async create(org, ownerRoles) {
      const [row] = await db.insert(orgs).values(org).returning();
      await db
        .insert(memberships)
        .values({ orgId: org.id, userId: org.ownerId, roles: ownerRoles });
      return row as OrgRecord;
    },
    async listForUser(userId, page) {
      const statements = myOrgsStatements(db);
      const rows = page.cursor
        ? await statements.after.execute({ userId, cursor: page.cursor, limit: page.limit })
        : await statements.first.execute({ userId, limit: page.limit });
      return rows as Array<{ org: OrgRecord; roles: string[] }>;
    },
    async countOwnedBy(userId) {
      const [row] = await db
        .select({ n: count() })
        .from(orgs)
        .where(and(eq(orgs.ownerId, userId), live));
      return row?.n ?? 0;
    },
    scoped: (orgId) => scoped(tenantRunner(db, orgId, rowLevelSecurity), orgId),
  };
}
