import { gte, lt } from 'drizzle-orm';
import type { TokenRevocationRepository } from '../../ports/store.js';
import type { Db } from './db.js';
import { tokenRevocations } from './schema.js';

/** Revoked token subjects that have no row of their own to mark (a deleted trust policy). */
export function createTokenRevocationRepository(db: Db): TokenRevocationRepository {
  return {
    async add(sid, at) {
      await db
        .insert(tokenRevocations)
        .values({ sid, revokedAt: at })
        .onConflictDoUpdate({ target: tokenRevocations.sid, set: { revokedAt: at } });
    },
    async revokedSince(since) {
      const rows = await db
        .select({ sid: tokenRevocations.sid })
        .from(tokenRevocations)
        .where(gte(tokenRevocations.revokedAt, since));
      return rows.map((r) => r.sid);
    },
    async reap(before) {
      const gone = await db
        .delete(tokenRevocations)
        .where(lt(tokenRevocations.revokedAt, before))
        .returning({ sid: tokenRevocations.sid });
      return gone.length;
    },
  };
}
