import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { SigningKeyRecord, SigningKeyRepository } from '../../ports/store.js';
import type { Db } from './db.js';
import { signingKeys } from './schema.js';

export function createSigningKeyRepository(db: Db): SigningKeyRepository {
  return {
    async insert(key) {
      await db.insert(signingKeys).values(key);
    },
    async list() {
      const rows = await db.select().from(signingKeys).orderBy(asc(signingKeys.activatesAt));
      return rows as SigningKeyRecord[];
    },
    async setRetiresAt(kid, retiresAt) {
      await db.update(signingKeys).set({ retiresAt }).where(eq(signingKeys.kid, kid));
    },
    async deleteRetired(at) {
      const rows = await db
        .delete(signingKeys)
        .where(and(isNotNull(signingKeys.retiresAt), lte(signingKeys.retiresAt, at)))
        .returning({ kid: signingKeys.kid });
      return rows.map((r) => r.kid);
    },
  };
}
