import { openDatabase, openStore } from '../adapters/store/open-store.js';
import { runMigrations } from '../adapters/store/migrations.js';
import { isAuthkitError } from '../domain/errors.js';
import type { StorePort } from '../ports/store.js';
import { createAuthkit } from '../server/create-authkit.js';
import { resolveSettings, settingsFromEnv, type ResolvedSettings } from '../server/config.js';
import { keyStates, prunableKeys, type KeyStatus } from '../tokens/key-ring.js';
import type { CliIo } from './io.js';

function settings(io: CliIo): ResolvedSettings {
  return resolveSettings(settingsFromEnv(io.env));
}

const where = (s: ResolvedSettings) =>
  s.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${s.dataDir}`;

export async function migrate(io: CliIo): Promise<number> {
  const s = settings(io);
  const { db, close } = await openDatabase({ databaseUrl: s.databaseUrl, dataDir: s.dataDir });
  try {
    const applied = await runMigrations(db);
    io.out(
      applied.length ? `applied ${applied.join(', ')} on ${where(s)}` : `up to date on ${where(s)}`,
    );
    return 0;
  } finally {
    await close();
  }
}

export async function rotateKeys(io: CliIo, immediate: boolean): Promise<number> {
  const authkit = createAuthkit(settingsFromEnv(io.env));
  try {
    const result = await authkit.api.rotateSigningKey({ immediate });
    io.out(`new signing key ${result.kid} signs from ${result.activatesAt.toISOString()}`);
    for (const r of result.retired)
      io.out(`key ${r.kid} leaves JWKS at ${r.retiresAt.toISOString()}`);
    return 0;
  } finally {
    await authkit.api.close();
  }
}

/** Opens the configured store without migrating: key commands only read or delete rows. */
async function withStore<T>(io: CliIo, fn: (store: StorePort) => Promise<T>): Promise<T> {
  const s = settings(io);
  const store = await openStore({ databaseUrl: s.databaseUrl, dataDir: s.dataDir, migrate: false });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** An aligned table: one line per key, oldest first. */
export function formatKeyTable(keys: KeyStatus[]): string[] {
  const rows = [
    ['KID', 'ALG', 'STATE', 'ACTIVATES', 'RETIRES'],
    ...keys.map((k) => [
      k.kid,
      k.alg,
      k.state,
      k.activatesAt.toISOString(),
      k.retiresAt?.toISOString() ?? '-',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

export async function listKeys(io: CliIo): Promise<number> {
  const keys = await withStore(io, async (store) =>
    keyStates(await store.signingKeys.list(), new Date()),
  );
  if (keys.length === 0) io.out('no signing keys yet (one is created when the server starts)');
  else for (const line of formatKeyTable(keys)) io.out(line);
  return 0;
}

export async function pruneKeys(io: CliIo): Promise<number> {
  const removed = await withStore(io, async (store) => {
    const now = new Date();
    // Same rule as the server's KeyRing, including its guard against deleting the last key.
    if (prunableKeys(await store.signingKeys.list(), now).length === 0) return [];
    return store.signingKeys.deleteRetired(now);
  });
  if (removed.length === 0) io.out('no retired signing keys to remove');
  for (const kid of removed) io.out(`removed retired signing key ${kid}`);
  return 0;
}

export async function doctor(io: CliIo): Promise<number> {
  let s: ResolvedSettings;
  try {
    s = settings(io);
    io.out('ok   config is valid');
  } catch (error) {
    io.err(`fail ${isAuthkitError(error) ? error.message : String(error)}`);
    return 1;
  }
  if (!s.secret)
    io.out(
      'warn CATALYST_SECRET is not set: a development secret is generated and kept beside the database',
    );
  if (!s.baseUrl)
    io.out('warn CATALYST_BASE_URL is not set: the issuer defaults to http://localhost:3000');
  try {
    const store = await openStore({
      databaseUrl: s.databaseUrl,
      dataDir: s.dataDir,
      migrate: false,
    });
    try {
      await store.ping();
      io.out(`ok   database answers: ${where(s)}`);
    } finally {
      await store.close();
    }
  } catch (error) {
    io.err(
      `fail database (${s.databaseUrl ? 'DATABASE_URL' : 'CATALYST_DATA_DIR'}): ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  return 0;
}
