import { sha256Hex } from '../tokens/sha256.js';

/** The hash that precedes the first audit event. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface HashableAuditEvent {
  id: string;
  occurredAt: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  orgId: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash(n) = SHA-256(hash(n-1) + canonical event n): editing or deleting a row breaks every later hash. */
export function auditEventHash(prevHash: string, event: HashableAuditEvent): Promise<string> {
  // Named fields only: a stored row also carries seq/prevHash/hash, which must not feed the hash.
  const hashed = {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actorType: event.actorType,
    actorId: event.actorId,
    targetType: event.targetType,
    targetId: event.targetId,
    orgId: event.orgId,
    ip: event.ip,
    userAgent: event.userAgent,
    data: event.data,
  };
  return sha256Hex(`${prevHash}\n${canonicalJson(hashed)}`);
}

/** Recomputes the chain; returns the seq of the first broken link, or null when intact. */
export async function findBrokenAuditLink(
  events: ReadonlyArray<HashableAuditEvent & { seq: number; prevHash: string; hash: string }>,
): Promise<number | null> {
  let prev = AUDIT_GENESIS_HASH;
  for (const event of events) {
    if (event.prevHash !== prev || (await auditEventHash(prev, event)) !== event.hash)
      return event.seq;
    prev = event.hash;
  }
  return null;
}
