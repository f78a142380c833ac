import { eq } from 'drizzle-orm';
import type { FileRecord, FileRepository } from '../../ports/profile-store.js';
import type { Db } from './db.js';
import { storedFiles } from './schema-files.js';

export function createFileRepository(db: Db): FileRepository {
  return {
    async insert(file) {
      await db.insert(storedFiles).values(file);
    },
    async findById(id) {
      const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id)).limit(1);
      return (row as FileRecord | undefined) ?? null;
    },
    async delete(id) {
      const rows = await db
        .delete(storedFiles)
        .where(eq(storedFiles.id, id))
        .returning({ id: storedFiles.id });
      return rows.length > 0;
    },
  };
}
