import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ClaimRule } from '../../domain/claim-mapping.js';
import { orgs, users } from './schema.js';

// Org single sign-on (migration 0011): an org's own OpenID provider.
const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One org's OpenID provider: users at the org's verified domains are routed to it. The client
 * secret is sealed under the root secret (`idp-client-secret`), never stored in the clear.
 */
export const ssoConnections = pgTable(
  'sso_connections',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretSealed: text('client_secret_sealed'),
    scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
    defaultRole: text('default_role').notNull().default('member'),
    enabled: boolean('enabled').notNull().default(true),
    required: boolean('required').notNull().default(false),
    /** Claim mapping (migration 0012): the provider's claims to roles, groups and labels. */
    claimRules: jsonb('claim_rules').$type<ClaimRule[]>().notNull().default([]),
    /** A sign-in that matches no rule removes the member (their account stays). */
    deprovision: boolean('deprovision').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One provider per org: routing by domain must find one answer.
    uniqueIndex('sso_connections_org_unique').on(t.orgId),
    index('sso_connections_issuer_idx').on(t.issuer),
  ],
);

/**
 * What an org's provider granted a member at their last sign-in there, so the next one can take
 * back what it no longer grants without touching what an admin gave by hand.
 */
export const ssoGrants = pgTable(
  'sso_grants',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    groups: jsonb('groups').$type<string[]>().notNull().default([]),
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);
