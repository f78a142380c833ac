import { customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Uploaded images (avatars, org logos) kept by the embedded StoragePort (migration 0008).
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * One stored object. Only re-encoded or checked png/jpeg/webp bytes reach this table; `sha256`
 * doubles as the ETag the file is served with.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: text('id').primaryKey(),
    // `user` or `org`: whose avatar or logo this is.
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    purpose: text('purpose').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_owner_idx').on(t.ownerType, t.ownerId, t.purpose)],
);
