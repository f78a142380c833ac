import { sql } from 'drizzle-orm';
import type { Db } from './db.js';

/** Runs one repository call; with row-level security on, inside the org's tenant setting. */
export type Run = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/**
 * With RLS switched on, each call runs in a (sub)transaction that sets `app.tenant_id`, so the
 * database itself hides other orgs' rows should a query ever forget its `org_id` filter.
 */
export function tenantRunner(db: Db, orgId: string, rowLevelSecurity: boolean): Run {
  if (!rowLevelSecurity) return (fn) => fn(db);
  return (fn) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${orgId}, true)`);
      const result = await fn(tx as Db);
      // Local settings outlive a savepoint: clear it so later unscoped work in an outer
      // transaction is not narrowed to this org.
      await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
      return result;
    });
}

/** Tables carrying a tenant policy (migration 0004); RLS is enabled and forced on them. */
export const TENANT_TABLES = [
  'orgs',
  'memberships',
  'groups',
  'group_members',
  'org_roles',
  'invitations',
  'invite_links',
  'org_domains',
  'membership_requests',
  'user_entitlements',
  'api_keys',
  'webhooks',
  'webhook_deliveries',
  'workload_policies',
  'sso_connections',
  'sso_grants',
  'directory_connections',
  'directory_users',
  'directory_groups',
] as const;

/** Switches RLS on (enable + force, so the owning role is bound too) or off for tenant tables. */
export async function setRowLevelSecurity(db: Db, on: boolean): Promise<void> {
  for (const table of TENANT_TABLES) {
    const verb = on ? 'enable' : 'disable';
    await db.execute(sql.raw(`alter table "${table}" ${verb} row level security`));
    await db.execute(sql.raw(`alter table "${table}" ${on ? '' : 'no '}force row level security`));
  }
}
