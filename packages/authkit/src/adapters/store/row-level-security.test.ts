import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../../../test/drivers.js';
import type { Db } from './db.js';
import { runMigrations } from './migrations.js';
import { openDatabase } from './open-store.js';
import { createDrizzleStore } from './postgres-store.js';
import { memberships, orgs } from './schema.js';
import { setRowLevelSecurity, tenantRunner } from './tenant-scope.js';

// The database itself, not our WHERE clauses, keeps tenants apart once RLS is on: these queries
// deliberately leave out the org filter a repository would add.
describe('PostgreSQL row-level security keyed on app.tenant_id', () => {
  let db: Db;
  let close: () => Promise<void>;
  const ids = { a: '', b: '', userA: '', userB: '' };
  beforeAll(async () => {
    const opened = await openDatabase({ databaseUrl: await freshDatabaseUrl('postgres-rls') });
    db = opened.db;
    close = opened.close;
    await runMigrations(db);
    await setRowLevelSecurity(db, true);
    const store = createDrizzleStore(db, 'postgres', close, { rowLevelSecurity: true });
    for (const key of ['A', 'B'] as const) {
      const user = await store.users.create({
        id: `usr_rls_${key}`,
        email: `rls-${key.toLowerCase()}@example.com`,
        name: null,
        passwordHash: null,
      });
      const org = await store.orgs.create(
        {
          id: `org_rls_${key}`,
          slug: `rls-${key.toLowerCase()}`,
          name: key,
          ownerId: user.id,
          profile: {},
          settings: {},
        },
        ['owner'],
      );
      ids[key === 'A' ? 'a' : 'b'] = org.id;
      ids[key === 'A' ? 'userA' : 'userB'] = user.id;
    }
  });
  afterAll(() => close());

  it("hides other tenants' rows from an unfiltered query inside a tenant", async () => {
    const inA = tenantRunner(db, ids.a, true);
    const rows = await inA((tx) => tx.select().from(memberships));
    expect(rows.map((r) => r.orgId)).toEqual([ids.a]);
    const visibleOrgs = await inA((tx) => tx.select({ id: orgs.id }).from(orgs));
    expect(visibleOrgs).toEqual([{ id: ids.a }]);
    // Outside any tenant (sign-in, my orgs) every row is visible, and the setting does not leak.
    expect(await db.select().from(memberships)).toHaveLength(2);
  });

  it("refuses writing a row into another tenant's org", async () => {
    const inA = tenantRunner(db, ids.a, true);
    await expect(
      inA((tx) => tx.insert(memberships).values({ orgId: ids.b, userId: ids.userA })),
    ).rejects.toThrow();
    expect(await db.select().from(memberships)).toHaveLength(2);
  });

  it('switched off, the same unfiltered query sees every tenant (the control)', async () => {
    await setRowLevelSecurity(db, false);
    const inA = tenantRunner(db, ids.a, true);
    expect(await inA((tx) => tx.select().from(memberships))).toHaveLength(2);
    await setRowLevelSecurity(db, true);
  });
});
