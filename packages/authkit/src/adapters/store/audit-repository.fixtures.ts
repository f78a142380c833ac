/** Shared by the audit repository tests: fresh databases and what someone with SQL access does. */
import { sql } from 'drizzle-orm';
import { freshDatabaseUrl, type DriverName } from '../../../test/drivers.js';
import { deriveAuditKey } from '../../domain/audit-chain.js';
import type { AuditEventRecord, StorePort } from '../../ports/store.js';
import type { Db } from './db.js';
import { runMigrations } from './migrations.js';
import { openDatabase } from './open-store.js';
import { createDrizzleStore } from './postgres-store.js';

export const auditTestKey = () => deriveAuditKey('audit-repository-test-root-secret-0123456');

/** A fresh database on `driver` and a store over it holding the audit key. */
export async function openFresh(driver: DriverName, migrate = true) {
  const opened = await openDatabase({
    databaseUrl: await freshDatabaseUrl(driver),
    dataDir: 'memory://',
  });
  if (migrate) await runMigrations(opened.db);
  const store = createDrizzleStore(opened.db, opened.driver, opened.close, {
    auditKey: await auditTestKey(),
  });
  return { db: opened.db, store };
}

/** The SQLSTATE a statement failed with (Drizzle wraps the driver's error), or null. */
export async function sqlState(run: Promise<unknown>): Promise<string | null> {
  try {
    await run;
    return null;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return String(e.cause?.code ?? e.code);
  }
}

/** Writes a row exactly as given, seq included, as someone with SQL access would. */
export function insertRow(db: Db, r: AuditEventRecord) {
  return db.execute(sql`insert into audit_events (seq, id, occurred_at, action, actor_type,
    actor_id, target_type, target_id, org_id, ip, user_agent, data, prev_hash, hash, request_id,
    schema_version) overriding system value values (${r.seq}, ${r.id}, ${r.occurredAt.toISOString()},
    ${r.action}, ${r.actorType}, ${r.actorId}, ${r.targetType}, ${r.targetId}, ${r.orgId}, ${r.ip},
    ${r.userAgent}, ${JSON.stringify(r.data)}::jsonb, ${r.prevHash}, ${r.hash}, ${r.requestId},
    ${r.schemaVersion})`);
}

/** Deletes as the pruner does: the trigger lets DELETE through with catalyst.audit_prune on. */
export const deleteRows = (db: Db, where: ReturnType<typeof sql>) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('catalyst.audit_prune', 'on', true)`);
    await tx.execute(sql`delete from audit_events where ${where}`);
  });

export async function appendMany(store: StorePort, orgId: string | null, dates: Date[]) {
  const rows: AuditEventRecord[] = [];
  for (const [i, at] of dates.entries())
    rows.push(
      await store.audit.append({ action: 'test.row', actorType: 'system', orgId, data: { i } }, at),
    );
  return rows;
}

export const now = () => new Date();
export const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
