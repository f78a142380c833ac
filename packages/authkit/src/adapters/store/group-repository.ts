import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import type { GroupRecord, GroupRepository } from '../../ports/tenancy-store.js';
import { groupMembers, groups, users } from './schema.js';
import type { Run } from './tenant-scope.js';

export function createGroupRepository(run: Run, orgId: string): GroupRepository {
  const inOrg = eq(groups.orgId, orgId);
  const byId = (id: string) => and(inOrg, eq(groups.id, id));
  return {
    list: (page) =>
      run((db) =>
        db
          .select()
          .from(groups)
          .where(page.cursor ? and(inOrg, gt(groups.id, page.cursor)) : inOrg)
          .orderBy(asc(groups.id))
          .limit(page.limit),
      ),
    get: (id) =>
      run(async (db) => {
        const [row] = await db.select().from(groups).where(byId(id)).limit(1);
        return row ?? null;
      }),
    create: (group) =>
      run(async (db) => {
        const [row] = await db
          .insert(groups)
          .values({ ...group, orgId })
          .returning();
        return row as GroupRecord;
      }),
    update: (id, patch, at) =>
      run(async (db) => {
        const [row] = await db
          .update(groups)
          .set({ ...patch, updatedAt: at })
          .where(byId(id))
          .returning();
        return row ?? null;
      }),
    delete: (id) =>
      run(async (db) => {
        const [target] = await db
          .select({ parentId: groups.parentId })
          .from(groups)
          .where(byId(id))
          .limit(1);
        if (!target) return false;
        // Children move up to the deleted group's parent rather than vanishing with it.
        await db
          .update(groups)
          .set({ parentId: target.parentId })
          .where(and(inOrg, eq(groups.parentId, id)));
        await db.delete(groups).where(byId(id));
        return true;
      }),
    count: () =>
      run(async (db) => {
        const [row] = await db.select({ n: count() }).from(groups).where(inOrg);
        return row?.n ?? 0;
      }),
    listMembers: (groupId, page) =>
      run((db) => {
        const conditions = [eq(groupMembers.orgId, orgId), eq(groupMembers.groupId, groupId)];
        if (page.cursor) conditions.push(gt(groupMembers.userId, page.cursor));
        return db
          .select({ member: groupMembers, email: users.email, name: users.name })
          .from(groupMembers)
          .innerJoin(users, eq(users.id, groupMembers.userId))
          .where(and(...conditions))
          .orderBy(asc(groupMembers.userId))
          .limit(page.limit);
      }),
    setMember: (groupId, userId, role) =>
      run(async (db) => {
        const [row] = await db
          .insert(groupMembers)
          .values({ orgId, groupId, userId, role })
          .onConflictDoUpdate({
            target: [groupMembers.groupId, groupMembers.userId],
            set: { role },
          })
          .returning();
        return row!;
      }),
    removeMember: (groupId, userId) =>
      run(async (db) => {
        const rows = await db
          .delete(groupMembers)
          .where(
            and(
              eq(groupMembers.orgId, orgId),
              eq(groupMembers.groupId, groupId),
              eq(groupMembers.userId, userId),
            ),
          )
          .returning({ userId: groupMembers.userId });
        return rows.length === 1;
      }),
    groupIdsOf: (userIds) =>
      run(async (db) => {
        const map = new Map<string, string[]>();
        if (userIds.length === 0) return map;
        const rows = await db
          .select({ userId: groupMembers.userId, groupId: groupMembers.groupId })
          .from(groupMembers)
          .where(and(eq(groupMembers.orgId, orgId), inArray(groupMembers.userId, [...userIds])))
          .orderBy(asc(groupMembers.groupId));
        for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.groupId]);
        return map;
      }),
    groupsOf: (userId) =>
      run((db) =>
        db
          .select({ group: groups, role: groupMembers.role })
          .from(groupMembers)
          .innerJoin(
            groups,
            and(eq(groups.orgId, groupMembers.orgId), eq(groups.id, groupMembers.groupId)),
          )
          .where(and(eq(groupMembers.orgId, orgId), eq(groupMembers.userId, userId)))
          .orderBy(asc(groups.id)),
      ),
  };
}
