import {
  bigint,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { OrgProfile } from '../../domain/org.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tz = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  // Stored normalized (trimmed, lower-cased) so uniqueness matches how people type addresses.
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  name: text('name'),
  passwordHash: text('password_hash'),
  createdAt: createdAt(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const userProfiles = pgTable('user_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    revokedAt: tz('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    device: text('device'),
    amr: jsonb('amr').$type<string[]>().notNull().default(['pwd']),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    // The session is the token family: every rotation of one sign-in shares it.
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    parentId: text('parent_id'),
    createdAt: createdAt(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
    revokedAt: tz('revoked_at'),
    // The token that replaced this one, encrypted under a key derived from this token itself: a
    // retry inside the grace window gets the same successor back, never a second family.
    successorSealed: text('successor_sealed'),
  },
  (t) => [index('refresh_tokens_session_id_idx').on(t.sessionId)],
);

export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  // A compact JWE (dir + A256GCM) under a key derived from CATALYST_SECRET.
  privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
  createdAt: createdAt(),
  activatesAt: tz('activates_at').notNull(),
  retiresAt: tz('retires_at'),
});

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull().unique(),
    occurredAt: tz('occurred_at').notNull().defaultNow(),
    action: text('action').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    orgId: text('org_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    // Hash chain: each row commits to the one before it, so an edited or deleted row is detectable.
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_occurred_idx').on(t.occurredAt),
  ],
);

export const orgs = pgTable('orgs', {
  id: text('id').primaryKey(),
  // Unique for ever: a deleted org keeps its slug reserved, so old links never reach a new owner.
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  status: text('status').$type<'active' | 'deleted'>().notNull().default('active'),
  ownerId: text('owner_id')
    .notNull()
    .references(() => users.id),
  profile: jsonb('profile').$type<OrgProfile>().notNull().default({}),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  labels: jsonb('labels').$type<string[]>().notNull().default([]),
  plan: text('plan'),
  createdAt: createdAt(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  deletedAt: tz('deleted_at'),
});

export const memberships = pgTable(
  'memberships',
  {
    // Every org-scoped row carries org_id (DESIGN §4).
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roles: jsonb('roles').$type<string[]>().notNull().default(['member']),
    labelsDelta: jsonb('labels_delta').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    index('memberships_user_id_idx').on(t.userId),
  ],
);

export const schema = {
  users,
  userProfiles,
  sessions,
  refreshTokens,
  signingKeys,
  auditEvents,
  orgs,
  memberships,
};
export type Schema = typeof schema;
