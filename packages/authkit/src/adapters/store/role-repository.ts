import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { OrgRoleRepository, UserEntitlementRepository } from '../../ports/tenancy-store.js';
import {
  groupMembers,
  groups,
  invitations,
  inviteLinks,
  memberships,
  orgRoles,
  userEntitlements,
} from './schema.js';
import type { Run } from './tenant-scope.js';

export function createOrgRoleRepository(run: Run, orgId: string): OrgRoleRepository {
  const inOrg = eq(orgRoles.orgId, orgId);
  const byName = (name: string) => and(inOrg, eq(orgRoles.name, name));
  return {
    list: () => run((db) => db.select().from(orgRoles).where(inOrg).orderBy(asc(orgRoles.name))),
    get: (name) =>
      run(async (db) => {
        const [row] = await db.select().from(orgRoles).where(byName(name)).limit(1);
        return row ?? null;
      }),
    create: (role) =>
      run(async (db) => {
        const [row] = await db
          .insert(orgRoles)
          .values({ ...role, orgId })
          .returning();
        return row!;
      }),
    update: (name, patch, at) =>
      run(async (db) => {
        const [row] = await db
          .update(orgRoles)
          .set({ ...patch, updatedAt: at })
          .where(byName(name))
          .returning();
        return row ?? null;
      }),
    delete: (name) =>
      run(async (db) => {
        const rows = await db
          .delete(orgRoles)
          .where(byName(name))
          .returning({ name: orgRoles.name });
        return rows.length === 1;
      }),
    countAssigned: (name) =>
      run(async (db) => {
        const [m] = await db
          .select({ n: count() })
          .from(memberships)
          .where(and(eq(memberships.orgId, orgId), sql`${memberships.roles} ? ${name}`));
        const [g] = await db
          .select({ n: count() })
          .from(groups)
          .where(and(eq(groups.orgId, orgId), sql`${groups.roles} ? ${name}`));
        const [gm] = await db
          .select({ n: count() })
          .from(groupMembers)
          .where(and(eq(groupMembers.orgId, orgId), eq(groupMembers.role, name)));
        // Outstanding offers count too: a role deleted and recreated wider must not reach them.
        const [i] = await db
          .select({ n: count() })
          .from(invitations)
          .where(
            and(
              eq(invitations.orgId, orgId),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
              sql`${invitations.roles} ? ${name}`,
            ),
          );
        const [l] = await db
          .select({ n: count() })
          .from(inviteLinks)
          .where(
            and(
              eq(inviteLinks.orgId, orgId),
              isNull(inviteLinks.revokedAt),
              sql`${inviteLinks.roles} ? ${name}`,
            ),
          );
        return [m, g, gm, i, l].reduce((sum, row) => sum + (row?.n ?? 0), 0);
      }),
  };
}

export function createUserEntitlementRepository(
  run: Run,
  orgId: string,
): UserEntitlementRepository {
  const inOrg = eq(userEntitlements.orgId, orgId);
  const forUser = (userId: string) => and(inOrg, eq(userEntitlements.userId, userId));
  return {
    list: () =>
      run((db) =>
        db.select().from(userEntitlements).where(inOrg).orderBy(asc(userEntitlements.userId)),
      ),
    get: (userId) =>
      run(async (db) => {
        const [row] = await db.select().from(userEntitlements).where(forUser(userId)).limit(1);
        return row ?? null;
      }),
    set: (userId, value, at) =>
      run(async (db) => {
        const [row] = await db
          .insert(userEntitlements)
          .values({ orgId, userId, ...value, updatedAt: at })
          .onConflictDoUpdate({
            target: [userEntitlements.orgId, userEntitlements.userId],
            set: { ...value, updatedAt: at },
          })
          .returning();
        return row!;
      }),
    remove: (userId) =>
      run(async (db) => {
        const rows = await db
          .delete(userEntitlements)
          .where(forUser(userId))
          .returning({ userId: userEntitlements.userId });
        return rows.length === 1;
      }),
  };
}
