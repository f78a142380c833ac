import { and, asc, count, eq, gt, inArray, ne } from 'drizzle-orm';
import type { NewUser, UserRecord, UserRepository } from '../../ports/store.js';
import type { Db } from './db.js';
import { isUniqueViolation } from '../../services/unique-violation.js';
import { userProfiles, users } from './schema.js';

export function createUserRepository(db: Db): UserRepository {
  return {
    async create(user: NewUser) {
      const [row] = await db
        .insert(users)
        .values({ ...user, emailVerified: user.emailVerified ?? false })
        .returning();
      await db.insert(userProfiles).values({ userId: user.id });
      return row as UserRecord;
    },
    async findById(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return row ?? null;
    },
    async findByEmail(email) {
      const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
      return row ?? null;
    },
    async findByEmails(emails) {
      if (emails.length === 0) return [];
      return db
        .select()
        .from(users)
        .where(inArray(users.email, [...emails]));
    },
    async updatePasswordHash(id, passwordHash, at) {
      await db.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, id));
    },
    async count() {
      const [row] = await db.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },
    async setLabels(id, labels, at) {
      const [row] = await db
        .update(users)
        .set({ labels, updatedAt: at })
        .where(eq(users.id, id))
        .returning();
      return row ?? null;
    },
    async setPlatformRoles(id, platformRoles, at) {
      const [row] = await db
        .update(users)
        .set({ platformRoles, updatedAt: at })
        .where(eq(users.id, id))
        .returning();
      return row ?? null;
    },
    async listPage({ afterId, limit }) {
      return db
        .select()
        .from(users)
        .where(afterId ? gt(users.id, afterId) : undefined)
        .orderBy(asc(users.id))
        .limit(limit);
    },
    async updateEmail(id, email, at) {
      const taken = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, email), ne(users.id, id)))
        .limit(1);
      if (taken.length > 0) return false;
      try {
        await db
          .update(users)
          .set({ email, emailVerified: true, updatedAt: at })
          .where(eq(users.id, id));
      } catch (error) {
        // Another account took the address between the check and the write.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
      return true;
    },
    async markEmailVerified(id, at) {
      await db.update(users).set({ emailVerified: true, updatedAt: at }).where(eq(users.id, id));
    },
  };
}
