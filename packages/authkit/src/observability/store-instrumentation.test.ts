import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, freshDatabaseUrl } from '../../test/drivers.js';
import { openDatabase, openStore } from '../adapters/store/open-store.js';
import type { StorePort } from '../ports/store.js';
import type { StoreObserver } from './metrics.js';

/** Counts what the store reports. */
function counter() {
  const seen = { queries: 0, transactions: 0, durations: [] as number[] };
  const observer: StoreObserver = {
    query(ms) {
      seen.queries += 1;
      seen.durations.push(ms);
    },
    transaction(ms) {
      seen.transactions += 1;
      seen.durations.push(ms);
    },
  };
  const reset = () => Object.assign(seen, { queries: 0, transactions: 0, durations: [] });
  return { seen, observer, reset };
}

describe.each(DRIVERS)('store instrumentation on %s', (driver) => {
  const { seen, observer, reset } = counter();
  let store: StorePort;
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl(driver);
    store = await openStore({ databaseUrl, dataDir: 'memory://', observer });
  });
  afterAll(() => store.close());

  it('sees the migrations run at open', () => {
    expect(seen.queries).toBeGreaterThan(0);
  });

  it('counts a query outside any transaction, and no transaction', async () => {
    reset();
    await store.ping();
    expect(seen).toMatchObject({ queries: 1, transactions: 0 });
    expect(seen.durations[0]).toBeGreaterThanOrEqual(0);
  });

  it('counts a transaction once and every query inside it', async () => {
    reset();
    await store.transaction(async (tx) => {
      await tx.ping();
      await tx.ping();
    });
    expect(seen.transactions).toBe(1);
    // PostgreSQL also counts Drizzle's BEGIN and COMMIT; PGlite sends those itself.
    expect(seen.queries).toBe(driver === 'pglite' ? 2 : 4);
  });

  it('counts a savepoint as part of its transaction, and a locked transaction as one', async () => {
    reset();
    await store.transaction((tx) => tx.transaction((inner) => inner.ping()));
    expect(seen.transactions).toBe(1);
    reset();
    await store.withLock('instrumentation-test', (tx) => tx.ping());
    expect(seen.transactions).toBe(1);
    expect(seen.queries).toBeGreaterThanOrEqual(2); // the advisory lock, then the ping
  });

  it('counts failed queries and rolled-back transactions, and rethrows', async () => {
    reset();
    await expect(
      store.transaction(async (tx) => {
        await tx.ping();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seen.transactions).toBe(1);

    const { db, close } = await openDatabase({ databaseUrl, dataDir: 'memory://', observer });
    try {
      reset();
      await expect(db.execute(sql`select * from no_such_table`)).rejects.toThrow();
      expect(seen.queries).toBe(1);
    } finally {
      await close();
    }
  });
});
