import pg from 'pg';
import { inject } from 'vitest';
import { openStore } from '../src/adapters/store/open-store.js';
import type { StorePort } from '../src/ports/store.js';

export type DriverName = 'pglite' | 'postgres';

/** Every store and service integration test runs once per driver (DESIGN §8). */
export const DRIVERS: DriverName[] = ['pglite', 'postgres'];

let counter = 0;

/** A fresh, migrated database on the named driver: PGlite in memory, or a new PostgreSQL database. */
export async function freshDatabaseUrl(driver: DriverName): Promise<string | undefined> {
  if (driver === 'pglite') return undefined;
  const admin = inject('postgresUrl');
  const name = `catalyst_test_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function openTestStore(driver: DriverName): Promise<StorePort> {
  return openStore({ databaseUrl: await freshDatabaseUrl(driver), dataDir: 'memory://' });
}
