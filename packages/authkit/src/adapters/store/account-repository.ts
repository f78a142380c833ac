import { and, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type {
  AccountRepository,
  OneTimeTokenRecord,
  PasskeyRecord,
  TotpFactorRecord,
} from '../../ports/account-store.js';
import type { Db } from './db.js';
import { oneTimeTokens, passkeys, recoveryCodes, totpFactors } from './schema-account.js';

export function createAccountRepository(db: Db): AccountRepository {
  const token = (row: typeof oneTimeTokens.$inferSelect) => row as OneTimeTokenRecord;
  return {
    tokens: {
      async create(input) {
        const [row] = await db.insert(oneTimeTokens).values(input).returning();
        return token(row!);
      },
      async find(purpose, tokenHash) {
        const [row] = await db
          .select()
          .from(oneTimeTokens)
          .where(and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, purpose)))
          .limit(1);
        return row ? token(row) : null;
      },
      async consume(id, at) {
        const rows = await db
          .update(oneTimeTokens)
          .set({ usedAt: at })
          .where(
            and(
              eq(oneTimeTokens.id, id),
              isNull(oneTimeTokens.usedAt),
              gt(oneTimeTokens.expiresAt, at),
            ),
          )
          .returning({ id: oneTimeTokens.id });
        return rows.length > 0;
      },
      async countAttempt(id) {
        const [row] = await db
          .update(oneTimeTokens)
          .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
          .where(eq(oneTimeTokens.id, id))
          .returning({ attempts: oneTimeTokens.attempts });
        return row?.attempts ?? Number.MAX_SAFE_INTEGER;
      },
      async latestForEmail(purpose, email, at) {
        const [row] = await db
          .select()
          .from(oneTimeTokens)
          .where(
            and(
              eq(oneTimeTokens.email, email),
              eq(oneTimeTokens.purpose, purpose),
              isNull(oneTimeTokens.usedAt),
              gt(oneTimeTokens.expiresAt, at),
            ),
          )
          .orderBy(desc(oneTimeTokens.createdAt))
          .limit(1);
        return row ? token(row) : null;
      },
      async invalidateForUser(userId, purposes, at) {
        const rows = await db
          .update(oneTimeTokens)
          .set({ usedAt: at })
          .where(
            and(
              eq(oneTimeTokens.userId, userId),
              inArray(oneTimeTokens.purpose, [...purposes]),
              isNull(oneTimeTokens.usedAt),
            ),
          )
          .returning({ id: oneTimeTokens.id });
        return rows.length;
      },
      async reapExpired(before) {
        const rows = await db
          .delete(oneTimeTokens)
          .where(lt(oneTimeTokens.expiresAt, before))
          .returning({ id: oneTimeTokens.id });
        return rows.length;
      },
    },
    totp: {
      async get(userId) {
        const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId));
        return (row as TotpFactorRecord | undefined) ?? null;
      },
      async startEnrolment(userId, secretEncrypted) {
        // Only an unconfirmed factor is overwritten; a confirmed one must be disabled first.
        const [row] = await db
          .insert(totpFactors)
          .values({ userId, secretEncrypted })
          .onConflictDoUpdate({
            target: totpFactors.userId,
            set: { secretEncrypted, lastUsedStep: 0, createdAt: sql`now()` },
            setWhere: isNull(totpFactors.confirmedAt),
          })
          .returning();
        return (row as TotpFactorRecord | undefined) ?? null;
      },
      async confirm(userId, step, at) {
        const rows = await db
          .update(totpFactors)
          .set({ confirmedAt: at, lastUsedStep: step })
          .where(and(eq(totpFactors.userId, userId), isNull(totpFactors.confirmedAt)))
          .returning({ userId: totpFactors.userId });
        return rows.length > 0;
      },
      async useStep(userId, step) {
        const rows = await db
          .update(totpFactors)
          .set({ lastUsedStep: step })
          .where(and(eq(totpFactors.userId, userId), lt(totpFactors.lastUsedStep, step)))
          .returning({ userId: totpFactors.userId });
        return rows.length > 0;
      },
      async remove(userId) {
        const rows = await db
          .delete(totpFactors)
          .where(eq(totpFactors.userId, userId))
          .returning({ userId: totpFactors.userId });
        return rows.length > 0;
      },
    },
    recoveryCodes: {
      async replace(userId, codeHashes, newId) {
        await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        if (codeHashes.length === 0) return;
        await db
          .insert(recoveryCodes)
          .values(codeHashes.map((codeHash) => ({ id: newId(), userId, codeHash })));
      },
      async consume(userId, codeHash, at) {
        const rows = await db
          .update(recoveryCodes)
          .set({ usedAt: at })
          .where(
            and(
              eq(recoveryCodes.userId, userId),
              eq(recoveryCodes.codeHash, codeHash),
              isNull(recoveryCodes.usedAt),
            ),
          )
          .returning({ id: recoveryCodes.id });
        return rows.length > 0;
      },
      async remaining(userId) {
        const [row] = await db
          .select({ n: count() })
          .from(recoveryCodes)
          .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
        return row?.n ?? 0;
      },
      async removeAll(userId) {
        await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      },
    },
    passkeys: {
      async create(input) {
        const [row] = await db.insert(passkeys).values(input).returning();
        return row as PasskeyRecord;
      },
      async findById(id) {
        const [row] = await db.select().from(passkeys).where(eq(passkeys.id, id)).limit(1);
        return (row as PasskeyRecord | undefined) ?? null;
      },
      async listForUser(userId) {
        const rows = await db
          .select()
          .from(passkeys)
          .where(eq(passkeys.userId, userId))
          .orderBy(passkeys.createdAt);
        return rows as PasskeyRecord[];
      },
      async countForUser(userId) {
        const [row] = await db
          .select({ n: count() })
          .from(passkeys)
          .where(eq(passkeys.userId, userId));
        return row?.n ?? 0;
      },
      async rename(userId, id, name) {
        const [row] = await db
          .update(passkeys)
          .set({ name })
          .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
          .returning();
        return (row as PasskeyRecord | undefined) ?? null;
      },
      async recordUse(id, counter, at) {
        await db.update(passkeys).set({ counter, lastUsedAt: at }).where(eq(passkeys.id, id));
      },
      async remove(userId, id) {
        const rows = await db
          .delete(passkeys)
          .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
          .returning({ id: passkeys.id });
        return rows.length > 0;
      },
    },
  };
}
