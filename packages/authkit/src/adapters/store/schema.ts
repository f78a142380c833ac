import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { OrgProfile } from '../../domain/org.js';
import { oneTimeTokens, passkeys, recoveryCodes, totpFactors } from './schema-account.js';
import { storedFiles } from './schema-files.js';
import { userIdentities } from './schema-identities.js';
import { workloadPolicies } from './schema-workload.js';
import { ssoConnections, ssoGrants } from './schema-sso.js';
import { directoryConnections, directoryGroups, directoryUsers } from './schema-directory.js';
import { webhookAttempts, webhookDeliveries, webhooks } from './schema-webhooks.js';

export { oneTimeTokens, passkeys, recoveryCodes, totpFactors } from './schema-account.js';
export { storedFiles } from './schema-files.js';
export { userIdentities } from './schema-identities.js';
export { workloadPolicies } from './schema-workload.js';
export { ssoConnections, ssoGrants } from './schema-sso.js';
export { directoryConnections, directoryGroups, directoryUsers } from './schema-directory.js';
export { webhookAttempts, webhookDeliveries, webhooks } from './schema-webhooks.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tz = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    // Stored normalized (trimmed, lower-cased) so uniqueness matches how people type addresses.
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    name: text('name'),
    passwordHash: text('password_hash'),
    // The user's own labels, first in the effective-identity merge (DESIGN §10).
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    // Platform roles (`admin`, `support`) guard /admin/…; org roles live on memberships.
    platformRoles: jsonb('platform_roles').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    // A ban refuses sign-in with `user_banned` until it is lifted or `ban_expires_at` passes.
    bannedAt: tz('banned_at'),
    banReason: text('ban_reason'),
    banExpiresAt: tz('ban_expires_at'),
    // Moved (at most once a minute) when a session of the user is used: the admin list filters by it.
    lastActiveAt: tz('last_active_at'),
  },
  (t) => [
    // Substring search over 1M accounts (`ILIKE '%q%'`) needs trigram indexes (pg_trgm).
    index('users_email_trgm_idx').using('gin', t.email.op('gin_trgm_ops')),
    index('users_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('users_created_idx').on(t.createdAt, t.id),
    index('users_last_active_idx').on(t.lastActiveAt, t.id),
    index('users_banned_idx')
      .on(t.bannedAt)
      .where(sql`banned_at is not null`),
  ],
);

export const userProfiles = pgTable('user_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // Custom fields, checked against the schema the app configures (`profileFields`).
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  avatarFileId: text('avatar_file_id'),
  locale: text('locale'),
  timezone: text('timezone'),
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
    // When the user last proved who they are here (sign-in or step-up, RFC 9470 `auth_time`).
    authTime: tz('auth_time').notNull().defaultNow(),
    // The org whose claims the session's access tokens carry (`POST /session/active-org`).
    activeOrgId: text('active_org_id'),
    // Set when a platform admin opened this session as the user (RFC 8693 `act` in its tokens).
    impersonatorId: text('impersonator_id').references((): AnyPgColumn => users.id, {
      onDelete: 'cascade',
    }),
    // The SSO connection the user signed in through: an org that starts requiring its provider
    // ends the sessions of its domains' people that did not come through it. No foreign key:
    // the record outlives a disconnected provider.
    ssoConnectionId: text('sso_connection_id'),
  },
  (t) => [
    index('sessions_user_id_idx').on(t.userId),
    // The revocation list forward-auth polls reads recently revoked sessions.
    index('sessions_revoked_idx')
      .on(t.revokedAt)
      .where(sql`revoked_at is not null`),
  ],
);

/**
 * Token subjects (`sid`) revoked without a session or key row to mark: a deleted workload trust
 * policy, whose exchanged tokens carry its id. Read into the revocation list; reaped after a day.
 */
export const tokenRevocations = pgTable(
  'token_revocations',
  {
    sid: text('sid').primaryKey(),
    revokedAt: tz('revoked_at').notNull(),
  },
  (t) => [index('token_revocations_revoked_at_idx').on(t.revokedAt)],
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
    requestId: text('request_id'),
    // 1: rows written before 0006, one global chain; 2: one chain per org (null org = platform).
    schemaVersion: integer('schema_version').notNull().default(2),
  },
  (t) => [
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_org_idx').on(t.orgId, t.seq),
    index('audit_events_action_idx').on(t.action, t.seq),
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
    // "My orgs" walks this index in org order: the cursor becomes part of the index lookup.
    index('memberships_user_org_idx').on(t.userId, t.orgId),
  ],
);

export const groups = pgTable(
  'groups',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    parentId: text('parent_id'),
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('groups_org_name_idx').on(t.orgId, t.name),
    // A parent is a group of the same org: the pair (org_id, parent_id) must exist.
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id] }),
    uniqueIndex('groups_org_id_idx').on(t.orgId, t.id),
  ],
);

export const groupMembers = pgTable(
  'group_members',
  {
    orgId: text('org_id').notNull(),
    groupId: text('group_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    // Leaving the org (or deleting the group) removes the group membership with it.
    foreignKey({
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.orgId, t.groupId],
      foreignColumns: [groups.orgId, groups.id],
    }).onDelete('cascade'),
    index('group_members_org_user_idx').on(t.orgId, t.userId),
  ],
);

export const orgRoles = pgTable(
  'org_roles',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    permissions: jsonb('permissions').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.name] })],
);

export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    roles: jsonb('roles').$type<string[]>().notNull().default(['member']),
    groups: jsonb('groups').$type<string[]>().notNull().default([]),
    // SHA-256 of the emailed token: the token is the capability, so only its hash is kept.
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: tz('expires_at').notNull(),
    acceptedAt: tz('accepted_at'),
    acceptedBy: text('accepted_by'),
    revokedAt: tz('revoked_at'),
    lastSentAt: tz('last_sent_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index('invitations_org_idx').on(t.orgId, t.createdAt),
    index('invitations_email_idx').on(t.email),
  ],
);

export const inviteLinks = pgTable(
  'invite_links',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    start: text('start').notNull(),
    roles: jsonb('roles').$type<string[]>().notNull().default(['member']),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    expiresAt: tz('expires_at'),
    revokedAt: tz('revoked_at'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('invite_links_org_idx').on(t.orgId, t.createdAt)],
);

export const orgDomains = pgTable(
  'org_domains',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    mode: text('mode').$type<'auto_join' | 'suggest'>().notNull().default('suggest'),
    verificationToken: text('verification_token').notNull(),
    verifiedAt: tz('verified_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('org_domains_org_domain_idx').on(t.orgId, t.domain),
    // One org owns a verified domain; others may still try to prove it, and lose.
    uniqueIndex('org_domains_verified_idx')
      .on(t.domain)
      .where(sql`verified_at is not null`),
  ],
);

export const membershipRequests = pgTable(
  'membership_requests',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status')
      .$type<'pending' | 'accepted' | 'rejected'>()
      .notNull()
      .default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: tz('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('membership_requests_pending_idx')
      .on(t.orgId, t.userId)
      .where(sql`status = 'pending'`),
  ],
);

export const userEntitlements = pgTable(
  'user_entitlements',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    features: jsonb('features').$type<string[]>().notNull().default([]),
    limits: jsonb('limits').$type<Record<string, number>>().notNull().default({}),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

/**
 * Domain events (`org.*`, `membership.*`) written in the same transaction as the change: the
 * outbox the webhook dispatcher reads.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull().unique(),
    type: text('type').notNull(),
    orgId: text('org_id'),
    // The user, key or org the event is about: the ordering key of its deliveries.
    subject: text('subject').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: tz('occurred_at').notNull().defaultNow(),
  },
  (t) => [
    index('outbox_events_org_idx').on(t.orgId, t.seq),
    index('outbox_events_occurred_idx').on(t.occurredAt),
  ],
);

/**
 * API keys (DESIGN §3): only the SHA-256 of the secret is stored. Owned by a user or an org
 * (exactly one of `user_id` / `org_id`); revoked keys stay, with the reason, for the audit trail.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    orgId: text('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    env: text('env').notNull(),
    start: text('start').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    // After a reroll the old secret keeps working until `previous_expires_at`.
    previousHash: text('previous_hash'),
    previousExpiresAt: tz('previous_expires_at'),
    scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    expiresAt: tz('expires_at'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    lastUsedAt: tz('last_used_at'),
    revokedAt: tz('revoked_at'),
    revokedReason: text('revoked_reason'),
    revokedBy: text('revoked_by'),
    rateLimitPoints: integer('rate_limit_points'),
    rateLimitSeconds: integer('rate_limit_seconds'),
    remaining: integer('remaining'),
    refillInterval: text('refill_interval').$type<'daily' | 'monthly'>(),
    refillAmount: integer('refill_amount'),
    refilledAt: tz('refilled_at'),
    ephemeral: boolean('ephemeral').notNull().default(false),
  },
  (t) => [
    index('api_keys_user_idx').on(t.userId, t.id),
    index('api_keys_org_idx').on(t.orgId, t.id),
    uniqueIndex('api_keys_previous_hash_idx')
      .on(t.previousHash)
      .where(sql`previous_hash is not null`),
    index('api_keys_revoked_idx')
      .on(t.revokedAt)
      .where(sql`revoked_at is not null`),
    check('api_keys_one_owner', sql`(user_id is null) <> (org_id is null)`),
  ],
);

/**
 * Where a pruned chain resumes: retention deletes the oldest rows of an org's chain and records
 * the last deleted row's hash here, so verification starts from it instead of the genesis hash.
 */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: text('id').primaryKey(),
    // '' for the platform chain (events without an org).
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_checkpoints_chain_idx').on(t.chain, t.seq)],
);

export const schema = {
  users,
  userProfiles,
  sessions,
  tokenRevocations,
  refreshTokens,
  signingKeys,
  auditEvents,
  orgs,
  memberships,
  groups,
  groupMembers,
  orgRoles,
  invitations,
  inviteLinks,
  orgDomains,
  membershipRequests,
  userEntitlements,
  outboxEvents,
  apiKeys,
  auditCheckpoints,
  webhooks,
  webhookDeliveries,
  webhookAttempts,
  oneTimeTokens,
  totpFactors,
  recoveryCodes,
  passkeys,
  storedFiles,
  workloadPolicies,
  userIdentities,
  ssoConnections,
  ssoGrants,
  directoryConnections,
  directoryUsers,
  directoryGroups,
};
export type Schema = typeof schema;
