import pg from 'pg';
import { inject } from 'vitest';
import { openStore } from '../src/adapters/store/open-store.js';
import type { StorePort } from '../src/ports/store.js';

export type DriverName = 'pglite' | 'postgres' | 'postgres-rls';

/** Every store and service integration test runs once per driver (DESIGN §8). */
export const DRIVERS: DriverName[] = ['pglite', 'postgres'];

/** Tenant isolation also runs with row-level security on, as a role RLS actually binds. */
export const ISOLATION_DRIVERS: DriverName[] = [...DRIVERS, 'postgres-rls'];

/** Superusers bypass RLS even when forced; the RLS driver connects as this ordinary role. */
const RLS_ROLE = 'catalyst_app';

let counter = 0;

/** A fresh, migrated database on the named driver: PGlite in memory, or a new PostgreSQL database. */
export async function freshDatabaseUrl(driver: DriverName): Promise<string | undefined> {
  if (driver === 'pglite') return undefined;
  const admin = inject('postgresUrl');
  const name = `catalyst_test_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    if (driver === 'postgres-rls') {
      await client
        .query(`create role ${RLS_ROLE} login nosuperuser nobypassrls`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42710') throw error; // already exists: another suite made it
        });
      await client.query(`create database ${name} owner ${RLS_ROLE}`);
    } else {
      await client.query(`create database ${name}`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  if (driver === 'postgres-rls') url.username = RLS_ROLE;
  return url.toString();
}

export async function openTestStore(driver: DriverName): Promise<StorePort> {
  return openStore({ databaseUrl: await freshDatabaseUrl(driver), dataDir: 'memory://' });
}
