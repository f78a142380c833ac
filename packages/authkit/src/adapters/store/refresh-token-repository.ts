import { and, eq, isNull } from 'drizzle-orm';
import type {
  NewRefreshToken,
  RefreshTokenRecord,
  RefreshTokenRepository,
} from '../../ports/store.js';
import type { Db } from './db.js';
import { refreshTokens } from './schema.js';

export function createRefreshTokenRepository(db: Db): RefreshTokenRepository {
  return {
    async create(token: NewRefreshToken) {
      const [row] = await db.insert(refreshTokens).values(token).returning();
      return row as RefreshTokenRecord;
    },
    async findByHash(tokenHash) {
      const [row] = await db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash))
        .limit(1);
      return row ?? null;
    },
    async markUsed(id, at, successorSealed) {
      // Conditional update: of two concurrent refreshes exactly one wins the row.
      const rows = await db
        .update(refreshTokens)
        .set({ usedAt: at, successorSealed })
        .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt)))
        .returning({ id: refreshTokens.id });
      return rows.length === 1;
    },
    async revokeForSession(sessionId, at) {
      await db
        .update(refreshTokens)
        .set({ revokedAt: at })
        .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.revokedAt)));
    },
  };
}
