import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './schema.js';

// Federated sign-in (migration 0010): who a user is at an upstream OpenID provider.
const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One upstream identity linked to a user: the provider's `iss` and `sub` name it for good (an
 * email can change hands; the subject cannot). A user may hold several, one per provider account.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The configured connection it came through (`oidc` for the global one). */
    connectionId: text('connection_id').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    /** What the provider last said, for display: never used to find the user again. */
    email: text('email'),
    claims: jsonb('claims').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tz('created_at').notNull().defaultNow(),
    lastUsedAt: tz('last_used_at'),
  },
  (t) => [
    uniqueIndex('user_identities_subject_unique').on(t.issuer, t.subject),
    index('user_identities_user_idx').on(t.userId, t.createdAt),
  ],
);
