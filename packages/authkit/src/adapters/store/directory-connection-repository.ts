import { and, asc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type {
  DirectoryConnectionLookups,
  DirectoryConnectionRecord,
  DirectoryConnectionRepository,
} from '../../ports/directory-store.js';
import type { Db } from './db.js';
import { orgs } from './schema.js';
import { directoryConnections, directoryGroups, directoryUsers } from './schema-directory.js';
import type { Run } from './tenant-scope.js';

const free = (at: Date) =>
  or(isNull(directoryConnections.leaseUntil), lt(directoryConnections.leaseUntil, at));

export function createDirectoryConnectionRepository(
  run: Run,
  orgId: string,
): DirectoryConnectionRepository {
  const inOrg = eq(directoryConnections.orgId, orgId);
  const userIn = (externalId: string) =>
    and(eq(directoryUsers.orgId, orgId), eq(directoryUsers.externalId, externalId));
  const groupIn = (externalId: string) =>
    and(eq(directoryGroups.orgId, orgId), eq(directoryGroups.externalId, externalId));
  return {
    get: () =>
      run(async (db) => {
        const [row] = await db.select().from(directoryConnections).where(inOrg).limit(1);
        return (row as DirectoryConnectionRecord | undefined) ?? null;
      }),
    put: (connection, at) =>
      run(async (db) => {
        const { id: _id, createdBy: _by, ...changes } = connection;
        const [row] = await db
          .insert(directoryConnections)
          .values({ ...connection, orgId, createdAt: at, updatedAt: at })
          .onConflictDoUpdate({
            target: directoryConnections.orgId,
            set: { ...changes, updatedAt: at },
          })
          .returning();
        return row as DirectoryConnectionRecord;
      }),
    delete: () =>
      run(async (db) => {
        const rows = await db
          .delete(directoryConnections)
          .where(inOrg)
          .returning({ id: directoryConnections.id });
        await db.delete(directoryUsers).where(eq(directoryUsers.orgId, orgId));
        await db.delete(directoryGroups).where(eq(directoryGroups.orgId, orgId));
        return rows.length === 1;
      }),
    claim: (trigger, leaseUntil, at) =>
      run(async (db) => {
        const [row] = await db
          .update(directoryConnections)
          .set({
            leaseUntil,
            lastStartedAt: at,
            lastStatus: 'running',
            lastTrigger: trigger,
          })
          .where(and(inOrg, eq(directoryConnections.enabled, true), free(at)))
          .returning();
        return (row as DirectoryConnectionRecord | undefined) ?? null;
      }),
    finish: (end) =>
      run(async (db) => {
        await db
          .update(directoryConnections)
          .set({
            leaseUntil: null,
            lastFinishedAt: end.at,
            lastStatus: end.status,
            lastStats: end.stats,
            lastErrorCode: end.errorCode,
            lastErrorMessage: end.errorMessage,
            nextRunAt: end.nextRunAt,
          })
          .where(inOrg);
      }),
    links: () =>
      run(async (db) => {
        const users = await db
          .select({ externalId: directoryUsers.externalId, userId: directoryUsers.userId })
          .from(directoryUsers)
          .where(eq(directoryUsers.orgId, orgId));
        const groups = await db
          .select({ externalId: directoryGroups.externalId, groupId: directoryGroups.groupId })
          .from(directoryGroups)
          .where(eq(directoryGroups.orgId, orgId));
        return {
          users: new Map(users.map((u) => [u.externalId, u.userId])),
          groups: new Map(groups.map((g) => [g.externalId, g.groupId])),
        };
      }),
    clearLinks: () =>
      run(async (db) => {
        await db.delete(directoryUsers).where(eq(directoryUsers.orgId, orgId));
        await db.delete(directoryGroups).where(eq(directoryGroups.orgId, orgId));
      }),
    linkUser: (externalId, userId) =>
      run(async (db) => {
        await db
          .insert(directoryUsers)
          .values({ orgId, externalId, userId })
          .onConflictDoUpdate({
            target: [directoryUsers.orgId, directoryUsers.externalId],
            set: { userId },
          });
      }),
    unlinkUser: (externalId) =>
      run(async (db) => {
        await db.delete(directoryUsers).where(userIn(externalId));
      }),
    linkGroup: (externalId, groupId) =>
      run(async (db) => {
        await db
          .insert(directoryGroups)
          .values({ orgId, externalId, groupId })
          .onConflictDoUpdate({
            target: [directoryGroups.orgId, directoryGroups.externalId],
            set: { groupId },
          });
      }),
    unlinkGroup: (externalId) =>
      run(async (db) => {
        await db.delete(directoryGroups).where(groupIn(externalId));
      }),
  };
}

const inLiveOrg = sql`exists (select 1 from ${orgs} where ${orgs.id} = ${directoryConnections.orgId} and ${orgs.status} = 'active')`;

export function createDirectoryConnectionLookups(db: Db): DirectoryConnectionLookups {
  return {
    async due(at, limit) {
      const rows = await db
        .select({ orgId: directoryConnections.orgId })
        .from(directoryConnections)
        .where(
          and(
            eq(directoryConnections.enabled, true),
            isNotNull(directoryConnections.intervalMinutes),
            lte(directoryConnections.nextRunAt, at),
            free(at),
            inLiveOrg,
          ),
        )
        .orderBy(asc(directoryConnections.nextRunAt), asc(directoryConnections.id))
        .limit(limit);
      return rows.map((r) => r.orgId);
    },
  };
}
