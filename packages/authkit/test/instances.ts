import {
  createTestInstance,
  type TestInstance,
  type TestInstanceOptions,
} from '../src/testing/create-test-instance.js';
import { freshDatabaseUrl, type DriverName } from './drivers.js';

/** A test instance on the named driver: in-memory PGlite, or a fresh PostgreSQL database. */
export async function instanceOn(
  driver: DriverName,
  options: TestInstanceOptions = {},
): Promise<TestInstance> {
  const databaseUrl = await freshDatabaseUrl(driver);
  return createTestInstance({
    ...options,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(driver === 'postgres-rls' ? { rowLevelSecurity: true } : {}),
  });
}

let n = 0;
/** A unique email per test, so tests can share one database. */
export const uniqueEmail = (tag = 'user') => `${tag}-${Date.now().toString(36)}-${n++}@example.com`;

export const PASSWORD = 'correct horse battery';

/** A clock tests move by hand. */
export function manualClock(start = Date.now()) {
  let offset = 0;
  return {
    now: () => new Date(start + offset),
    advance(seconds: number) {
      offset += seconds * 1000;
    },
  };
}
