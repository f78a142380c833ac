import type { StorePort } from '../../ports/store.js';
import type { Db } from './db.js';
import { runMigrations } from './migrations.js';
import { createDrizzleStore } from './postgres-store.js';
import { schema } from './schema.js';

export interface OpenStoreOptions {
  /** `postgres://…` for node-postgres; absent for embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` (or omitted with `inMemory`) keeps everything in RAM. */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Max pool size for node-postgres. */
  poolSize?: number;
}

/** Opens the store: node-postgres when a URL is given, PGlite otherwise. Drivers load lazily. */
export async function openStore(options: OpenStoreOptions = {}): Promise<StorePort> {
  let db: Db;
  let close: () => Promise<void>;
  let driver: StorePort['driver'];
  if (options.databaseUrl) {
    const [{ default: pg }, { drizzle }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
    ]);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    db = drizzle({ client: pool, schema }) as unknown as Db;
    close = () => pool.end();
    driver = 'postgres';
  } else {
    const [{ PGlite }, { drizzle }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
    ]);
    const dir = options.dataDir ?? 'memory://';
    if (!dir.startsWith('memory://')) {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(dir, { recursive: true });
    }
    const client = await PGlite.create(dir);
    db = drizzle({ client, schema }) as unknown as Db;
    close = () => client.close();
    driver = 'pglite';
  }
  if (options.migrate !== false) await runMigrations(db);
  return createDrizzleStore(db, driver, close);
}
