import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AdminUserRepository } from '../../ports/admin-store.js';
import { searchUsers } from './admin-user-search.js';
import type { Db } from './db.js';
import { memberships, orgs, users } from './schema.js';

export function createAdminUserRepository(db: Db): AdminUserRepository {
  return {
    search: (filter, page) => searchUsers(db, filter, page),
    async memberships(userId) {
      return db
        .select({
          orgId: orgs.id,
          slug: orgs.slug,
          name: orgs.name,
          roles: memberships.roles,
          joinedAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(orgs, eq(orgs.id, memberships.orgId))
        .where(and(eq(memberships.userId, userId), eq(orgs.status, 'active')))
        .orderBy(asc(orgs.name));
    },
    async setBan(userId, ban, at) {
      const [row] = await db
        .update(users)
        .set({
          bannedAt: ban ? at : null,
          banReason: ban?.reason ?? null,
          banExpiresAt: ban?.expiresAt ?? null,
          updatedAt: at,
        })
        .where(eq(users.id, userId))
        .returning();
      return row ?? null;
    },
    async setName(userId, name, at) {
      const [row] = await db
        .update(users)
        .set({ name, updatedAt: at })
        .where(eq(users.id, userId))
        .returning();
      return row ?? null;
    },
    async ownedOrgs(userId) {
      const rows = await db
        .select({ id: orgs.id })
        .from(orgs)
        .where(and(eq(orgs.ownerId, userId), eq(orgs.status, 'active')));
      return rows.map((r) => r.id);
    },
    async handOverDeletedOrgs(from, to) {
      const rows = await db
        .update(orgs)
        .set({ ownerId: to })
        .where(and(eq(orgs.ownerId, from), eq(orgs.status, 'deleted')))
        .returning({ id: orgs.id });
      return rows.map((r) => r.id).sort();
    },
    async delete(userId) {
      const gone = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
      return gone.length > 0;
    },
    async countAdmins() {
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(sql`${users.platformRoles} @> '["admin"]'::jsonb`);
      return row?.n ?? 0;
    },
  };
}
