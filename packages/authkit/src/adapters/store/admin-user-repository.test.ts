import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, freshDatabaseUrl } from '../../../test/drivers.js';
import { newId } from '../../domain/ids.js';
import type { AdminUserSort } from '../../ports/admin-store.js';
import type { StorePort } from '../../ports/store.js';
import type { Db } from './db.js';
import { runMigrations } from './migrations.js';
import { openDatabase } from './open-store.js';
import { createDrizzleStore } from './postgres-store.js';
import { users } from './schema.js';

describe.each(DRIVERS)('admin user search keyset (%s)', (driver) => {
  let store: StorePort;
  let db: Db;
  beforeAll(async () => {
    const opened = await openDatabase({
      databaseUrl: await freshDatabaseUrl(driver),
      dataDir: 'memory://',
    });
    db = opened.db;
    await runMigrations(db);
    store = createDrizzleStore(db, opened.driver, opened.close);
  });
  afterAll(() => store.close());

  /** Every page of one sort, `limit` rows at a time, following the cursors the rows give. */
  async function walk(label: string, sort: AdminUserSort, limit: number) {
    const seen: string[] = [];
    let after: { value: string | null; id: string } | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const rows = await store.adminUsers.search({ label }, { sort, after, limit: limit + 1 });
      const shown = rows.slice(0, limit);
      seen.push(...shown.map((r) => r.id));
      if (rows.length <= limit) return seen;
      const last = shown.at(-1)!;
      after = { value: last.sortKey, id: last.id };
    }
    throw new Error('no last page');
  }

  it('orders by last activity with never-active users last either way, across every page size', async () => {
    const label = newId('lbl');
    const base = Date.UTC(2026, 0, 1);
    // Two share a timestamp (the id breaks the tie); three were never active.
    const activity = [base + 5_000, base + 1_000, null, base + 1_000, null, base + 9_000, null];
    const made: Array<{ id: string; at: number | null }> = [];
    for (const at of activity) {
      const user = await store.users.create({
        id: newId('usr'),
        email: `${newId('e')}@example.test`,
        name: null,
        passwordHash: null,
      });
      await store.users.setLabels(user.id, [label], new Date());
      await db
        .update(users)
        .set({ lastActiveAt: at === null ? null : new Date(at) })
        .where(eq(users.id, user.id));
      made.push({ id: user.id, at });
    }
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const dated = made.filter((m) => m.at !== null);
    const never = made.filter((m) => m.at === null).map((m) => m.id);
    const ascending = [
      ...dated.sort((a, b) => a.at! - b.at! || byId(a.id, b.id)).map((m) => m.id),
      ...[...never].sort(byId),
    ];
    const descending = [
      ...[...dated].reverse().map((m) => m.id),
      ...[...never].sort(byId).reverse(),
    ];
    for (const limit of [1, 2, 3, 4, 7, 10]) {
      expect(await walk(label, 'lastActive', limit), `asc, limit ${limit}`).toEqual(ascending);
      expect(await walk(label, '-lastActive', limit), `desc, limit ${limit}`).toEqual(descending);
    }
    // The created and email sorts walk every row once too.
    for (const sort of ['created', '-created', 'email', '-email'] as const) {
      const ids = await walk(label, sort, 2);
      expect(new Set(ids).size, sort).toBe(7);
      expect(ids.length, sort).toBe(7);
    }
  });
  it('compiles a search once per shape and never keeps its values', async () => {
    // Searches of one shape (same filters present, same sort) share a compiled statement: each
    // must still see its own values, and filters that change the SQL must not share one.
    const [a, b] = [newId('lbl'), newId('lbl')];
    const made: Record<string, string[]> = { [a]: [], [b]: [] };
    for (const [label, n] of [
      [a, 3],
      [b, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const user = await store.users.create({
          id: newId('usr'),
          email: `${newId('shape')}@example.test`,
          name: `Shape ${label}`,
          passwordHash: null,
        });
        await store.users.setLabels(user.id, [label], new Date());
        made[label]!.push(user.id);
      }
    }
    await store.users.setPlatformRoles(made[b]![0]!, ['support'], new Date());
    const ids = async (filter: Parameters<StorePort['adminUsers']['search']>[0]) =>
      (await store.adminUsers.search(filter, { sort: 'created', limit: 50 }))
        .map((r) => r.id)
        .sort();
    for (let round = 0; round < 2; round++) {
      expect(await ids({ label: a })).toEqual([...made[a]!].sort());
      expect(await ids({ label: b })).toEqual([...made[b]!].sort());
      expect(await ids({ q: `Shape ${b}` })).toEqual([...made[b]!].sort());
      expect(await ids({ q: made[a]![1]! })).toEqual([made[a]![1]!]);
      expect(await ids({ label: b, platformRole: 'any' })).toEqual([made[b]![0]!]);
      expect(await ids({ label: b, platformRole: 'none' })).toEqual([made[b]![1]!]);
      expect(await ids({ label: b, platformRole: 'admin' })).toEqual([]);
      expect(await ids({ label: b, platformRole: 'support' })).toEqual([made[b]![0]!]);
    }
  });
});
