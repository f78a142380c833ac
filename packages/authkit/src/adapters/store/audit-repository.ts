import { desc, eq, sql } from 'drizzle-orm';
import { AUDIT_GENESIS_HASH, auditEventHash } from '../../domain/audit-chain.js';
import { newId } from '../../domain/ids.js';
import type { AuditEventRecord, AuditRepository } from '../../ports/store.js';
import type { Db } from './db.js';
import { auditEvents } from './schema.js';

const AUDIT_LOCK_ID = 0x6175_6469; // "audi": serializes appends so the hash chain stays linear

export function createAuditRepository(db: Db): AuditRepository {
  return {
    async append(input, at) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`);
        const [last] = await tx
          .select({ hash: auditEvents.hash })
          .from(auditEvents)
          .orderBy(desc(auditEvents.seq))
          .limit(1);
        const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
        const event = {
          id: newId('evt'),
          occurredAt: at,
          action: input.action,
          actorType: input.actorType,
          actorId: input.actorId ?? null,
          targetType: input.targetType ?? null,
          targetId: input.targetId ?? null,
          orgId: input.orgId ?? null,
          ip: input.ip ?? null,
          userAgent: input.userAgent ?? null,
          data: input.data ?? {},
        };
        const hash = await auditEventHash(prevHash, event);
        const [row] = await tx
          .insert(auditEvents)
          .values({ ...event, prevHash, hash })
          .returning();
        return row as AuditEventRecord;
      });
    },
    async list(options = {}) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(options.actorId ? eq(auditEvents.actorId, options.actorId) : undefined)
        .orderBy(desc(auditEvents.seq))
        .limit(options.limit ?? 100);
      return rows as AuditEventRecord[];
    },
  };
}
