import { and, asc, eq } from 'drizzle-orm';
import type { UserIdentityRecord, UserIdentityRepository } from '../../ports/identity-store.js';
import type { Db } from './db.js';
import { userIdentities } from './schema.js';

export function createUserIdentityRepository(db: Db): UserIdentityRepository {
  return {
    async find(issuer, subject) {
      const [row] = await db
        .select()
        .from(userIdentities)
        .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
        .limit(1);
      return row ?? null;
    },
    listForUser: (userId) =>
      db
        .select()
        .from(userIdentities)
        .where(eq(userIdentities.userId, userId))
        .orderBy(asc(userIdentities.createdAt), asc(userIdentities.id)),
    async create(identity) {
      const [row] = await db.insert(userIdentities).values(identity).returning();
      return row as UserIdentityRecord;
    },
    async touch(id, at, seen) {
      await db
        .update(userIdentities)
        .set({ lastUsedAt: at, email: seen.email, claims: seen.claims })
        .where(eq(userIdentities.id, id));
    },
    async delete(userId, id) {
      const gone = await db
        .delete(userIdentities)
        .where(and(eq(userIdentities.userId, userId), eq(userIdentities.id, id)))
        .returning({ id: userIdentities.id });
      return gone.length > 0;
    },
  };
}
