import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './schema.js';

// Account recovery and second factors (migration 0007).
const tz = (name: string) => timestamp(name, { withTimezone: true });
const createdAt = () => tz('created_at').notNull().defaultNow();
const userRef = () =>
  text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/**
 * Single-use secrets that travel by email or cookie: verification, reset and magic links, email
 * codes, pending sign-ins and WebAuthn challenges. Only their SHA-256 is stored.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    // The address a link was sent to (a change of email sends to the new one).
    email: text('email'),
    // An email one-time code, hashed with the token's own hash as salt.
    codeHash: text('code_hash'),
    // The hash of the cookie of the browser that asked (magic links).
    bindingHash: text('binding_hash'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
  },
  (t) => [
    index('one_time_tokens_user_idx')
      .on(t.userId, t.purpose)
      .where(sql`used_at is null`),
    index('one_time_tokens_email_idx')
      .on(t.email, t.purpose)
      .where(sql`used_at is null`),
    index('one_time_tokens_expires_idx').on(t.expiresAt),
  ],
);

/** One TOTP factor per user; it counts once `confirmed_at` is set. */
export const totpFactors = pgTable('totp_factors', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // Encrypted under a key derived from the root secret: the server must recompute codes.
  secretEncrypted: text('secret_encrypted').notNull(),
  confirmedAt: tz('confirmed_at'),
  // The last accepted time step: a code for this step or an earlier one is a replay.
  lastUsedStep: bigint('last_used_step', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: text('id').primaryKey(),
    userId: userRef(),
    codeHash: text('code_hash').notNull(),
    usedAt: tz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_idx').on(t.userId, t.codeHash)],
);

export const passkeys = pgTable(
  'passkeys',
  {
    // The credential id (base64url), unique across every authenticator.
    id: text('id').primaryKey(),
    userId: userRef(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    aaguid: text('aaguid'),
    createdAt: createdAt(),
    lastUsedAt: tz('last_used_at'),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);
