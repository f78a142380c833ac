import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { orgs } from './schema.js';

// Workload identity (migration 0009): an org's trust in tokens from a CI or cloud issuer.
const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One trust policy: a token from `issuer` for `audience` whose subject and claims match is
 * exchanged for an access token of the org with these roles and scopes.
 */
export const workloadPolicies = pgTable(
  'workload_policies',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    audience: text('audience').notNull(),
    subject: text('subject'),
    conditions: jsonb('conditions').$type<Record<string, string>>().notNull().default({}),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
    tokenTtlSeconds: integer('token_ttl_seconds'),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    lastUsedAt: tz('last_used_at'),
  },
  (t) => [
    // The exchange looks policies up by the token's issuer across orgs.
    index('workload_policies_issuer_idx')
      .on(t.issuer)
      .where(sql`enabled`),
    index('workload_policies_org_idx').on(t.orgId, t.createdAt, t.id),
  ],
);
