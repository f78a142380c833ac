import { and, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { NewSession, SessionRecord, SessionRepository } from '../../ports/store.js';
import type { Db } from './db.js';
import { refreshTokens, sessions, users } from './schema.js';

export function createSessionRepository(db: Db): SessionRepository {
  const revokeTokens = (sessionId: string, at: Date) =>
    db
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.revokedAt)));
  /** Revokes the live sessions `conditions` pick, and their refresh tokens; answers their ids. */
  const revokeWhere = async (conditions: SQL[], at: Date) => {
    const revoked = await db
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(isNull(sessions.revokedAt), ...conditions))
      .returning({ id: sessions.id });
    for (const { id } of revoked) await revokeTokens(id, at);
    return revoked.map((r) => r.id);
  };

  return {
    async create(session: NewSession) {
      const [row] = await db.insert(sessions).values(session).returning();
      return row as SessionRecord;
    },
    async findById(id) {
      const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
      return row ?? null;
    },
    async listActiveForUser(userId, at) {
      return db
        .select()
        .from(sessions)
        .where(
          and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, at)),
        )
        .orderBy(desc(sessions.lastSeenAt));
    },
    async touch(id, at) {
      const [row] = await db
        .update(sessions)
        .set({ lastSeenAt: at })
        .where(eq(sessions.id, id))
        .returning({ userId: sessions.userId, impersonatorId: sessions.impersonatorId });
      // An admin browsing as the user is not the user being active.
      if (row && !row.impersonatorId)
        await db.update(users).set({ lastActiveAt: at }).where(eq(users.id, row.userId));
    },
    async revoke(id, at) {
      const updated = await db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      await revokeTokens(id, at);
      return updated.length > 0;
    },
    async revokeAllForUser(userId, at, exceptId) {
      const conditions = [eq(sessions.userId, userId)];
      if (exceptId) conditions.push(ne(sessions.id, exceptId));
      return revokeWhere(conditions, at);
    },
    async revokeAtDomainsExcept(domains, connectionId, at, exceptId) {
      if (domains.length === 0) return [];
      const people = db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            inArray(sql`split_part(${users.email}, '@', -1)`, [...domains]),
            sql`${users.platformRoles} = '[]'::jsonb`,
          ),
        );
      const conditions = [inArray(sessions.userId, people), gt(sessions.expiresAt, at)];
      if (connectionId) {
        conditions.push(
          or(isNull(sessions.ssoConnectionId), ne(sessions.ssoConnectionId, connectionId))!,
        );
      }
      if (exceptId) conditions.push(ne(sessions.id, exceptId));
      return revokeWhere(conditions, at);
    },
    async markAuthenticated(id, at, amr) {
      const [row] = await db
        .update(sessions)
        .set({ authTime: at, amr })
        .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
        .returning();
      return row ?? null;
    },
    async setActiveOrg(id, orgId) {
      await db.update(sessions).set({ activeOrgId: orgId }).where(eq(sessions.id, id));
    },
    async revokedSince(since) {
      const rows = await db
        .select({ id: sessions.id })
        .from(sessions)
        .where(gte(sessions.revokedAt, since));
      return rows.map((r) => r.id);
    },
    async reapExpired(before) {
      // Expired refresh tokens first (also rotated-out ones, kept until now for reuse detection),
      // then expired sessions, whose remaining tokens go with them by cascade.
      const tokens = await db
        .delete(refreshTokens)
        .where(lt(refreshTokens.expiresAt, before))
        .returning({ id: refreshTokens.id });
      const gone = await db
        .delete(sessions)
        .where(lt(sessions.expiresAt, before))
        .returning({ id: sessions.id });
      return { sessions: gone.length, refreshTokens: tokens.length };
    },
  };
}
