import {
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  index,
} from 'drizzle-orm/pg-core';
import type { DirectorySyncStats } from '../../domain/directory-sync.js';
import { groups, orgs, users } from './schema.js';

// Directory sync (migration 0013): an org's Authentik or Keycloak read into its members and groups.
const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One org's directory: where it is, the sealed credential (`directory-credential`), the schedule
 * and the last run. `leaseUntil` is the run lock shared by every instance.
 */
export const directoryConnections = pgTable(
  'directory_connections',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    provider: text('provider').$type<'authentik' | 'keycloak'>().notNull(),
    baseUrl: text('base_url').notNull(),
    /** Keycloak's realm; null for Authentik. */
    realm: text('realm'),
    /** Keycloak's client id (client credentials); null for Authentik's API token. */
    clientId: text('client_id'),
    credentialSealed: text('credential_sealed').notNull(),
    defaultRole: text('default_role').notNull().default('member'),
    /** Minutes between scheduled runs; null: on demand only. */
    intervalMinutes: integer('interval_minutes'),
    deprovision: boolean('deprovision').notNull().default(true),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    nextRunAt: tz('next_run_at'),
    leaseUntil: tz('lease_until'),
    lastStartedAt: tz('last_started_at'),
    lastFinishedAt: tz('last_finished_at'),
    lastStatus: text('last_status').$type<'running' | 'succeeded' | 'failed'>(),
    lastTrigger: text('last_trigger').$type<'schedule' | 'manual'>(),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    lastStats: jsonb('last_stats').$type<DirectorySyncStats>(),
  },
  (t) => [
    uniqueIndex('directory_connections_org_unique').on(t.orgId),
    index('directory_connections_due_idx').on(t.nextRunAt),
  ],
);

/**
 * A directory user the sync linked to an account. When the directory drops or disables them,
 * the sync takes these (never owners) out of the org: the directory is the source of truth.
 */
export const directoryUsers = pgTable(
  'directory_users',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.externalId] }),
    uniqueIndex('directory_users_org_user_idx').on(t.orgId, t.userId),
  ],
);

/** A directory group mirrored as an org group; the sync owns its name, parent and members. */
export const directoryGroups = pgTable(
  'directory_groups',
  {
    orgId: text('org_id').notNull(),
    externalId: text('external_id').notNull(),
    groupId: text('group_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.externalId] }),
    uniqueIndex('directory_groups_org_group_idx').on(t.orgId, t.groupId),
    // Deleting the group by hand unlinks it; the next run makes it again.
    foreignKey({
      columns: [t.orgId, t.groupId],
      foreignColumns: [groups.orgId, groups.id],
    }).onDelete('cascade'),
  ],
);
