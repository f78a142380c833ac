import { acquireShared } from '../process-registry.js';
import {
  instrumentPglite,
  instrumentPgPool,
  type StoreObserver,
} from '../../observability/store-instrumentation.js';
import type { StorePort } from '../../ports/store.js';
import type { Db } from './db.js';
import { runMigrations } from './migrations.js';
import { createDrizzleStore } from './postgres-store.js';
import { schema } from './schema.js';
import { setRowLevelSecurity } from './tenant-scope.js';

export interface OpenStoreOptions {
  /** `postgres://…` for node-postgres; absent for embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` (the default) keeps everything in RAM. */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Max pool size for node-postgres. */
  poolSize?: number;
  /**
   * Switch PostgreSQL row-level security on the tenant tables on (true) or off (false) at open;
   * undefined leaves the database as it is.
   */
  rowLevelSecurity?: boolean | undefined;
  /** Told the duration of every query and transaction (the server's Prometheus metrics). */
  observer?: StoreObserver | undefined;
  /** HMAC key of the audit chains, from `deriveAuditKey(rootSecret)`; verify needs the same one. */
  auditKey?: CryptoKey | undefined;
}

export interface OpenDatabase {
  db: Db;
  driver: StorePort['driver'];
  close: () => Promise<void>;
}

/** Connects with node-postgres when a URL is given, PGlite otherwise. Drivers load lazily. */
export async function openDatabase(options: OpenStoreOptions = {}): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const [{ default: pg }, { drizzle }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
    ]);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    instrumentPgPool(pool, options.observer);
    return {
      db: drizzle({ client: pool, schema }) as unknown as Db,
      driver: 'postgres',
      close: () => pool.end(),
    };
  }
  const [{ PGlite }, { drizzle }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  // The admin user search's trigram indexes need pg_trgm loaded into the embedded server.
  const pgliteOptions = { extensions: { pg_trgm } };
  const dir = options.dataDir ?? 'memory://';
  if (dir.startsWith('memory://')) {
    const client = await PGlite.create(dir, pgliteOptions);
    return {
      db: drizzle({ client: instrumentPglite(client, options.observer), schema }) as unknown as Db,
      driver: 'pglite',
      close: () => client.close(),
    };
  }
  const [{ mkdir }, { resolve }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
  ]);
  const path = resolve(dir);
  // One PGlite per data directory per process, however many times the store is opened.
  const shared = acquireShared(
    `pglite:${path}`,
    async () => {
      await mkdir(path, { recursive: true });
      return PGlite.create(path, pgliteOptions);
    },
    async (client) => {
      if (client && !client.closed) await client.close();
    },
  );
  const client = await shared.value;
  return {
    db: drizzle({ client: instrumentPglite(client, options.observer), schema }) as unknown as Db,
    driver: 'pglite',
    close: shared.release,
  };
}

/** Opens (and by default migrates) the store on the driver the options select. */
export async function openStore(options: OpenStoreOptions = {}): Promise<StorePort> {
  const { db, driver, close } = await openDatabase(options);
  try {
    if (options.migrate !== false) await runMigrations(db);
    if (options.rowLevelSecurity !== undefined) {
      await setRowLevelSecurity(db, options.rowLevelSecurity);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return createDrizzleStore(db, driver, close, {
    rowLevelSecurity: options.rowLevelSecurity ?? false,
    observer: options.observer,
    auditKey: options.auditKey,
  });
}
