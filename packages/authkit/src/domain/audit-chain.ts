import { sha256Hex } from '../tokens/sha256.js';

/** The hash that precedes the first audit event of a chain (until pruning leaves a checkpoint). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Rows written before migration 0006: one global chain, unkeyed SHA-256. */
export const AUDIT_LEGACY_VERSION = 1;
/** Rows written since: one chain per org (and one for the platform), HMAC under the audit key. */
export const AUDIT_SCHEMA_VERSION = 2;

/** Chain names, as stored in `audit_checkpoints.chain`: an org id, or one of these. */
export const PLATFORM_CHAIN = '';
export const LEGACY_CHAIN = 'legacy:v1';

/** The chain an event with this org belongs to. */
export const chainOf = (orgId: string | null | undefined): string => orgId ?? PLATFORM_CHAIN;

/** How the CLI and logs name a chain. */
export function chainLabel(chain: string): string {
  if (chain === PLATFORM_CHAIN) return 'platform';
  if (chain === LEGACY_CHAIN) return 'legacy';
  return chain;
}

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

/** What a version 2 row commits to: the v1 fields plus the request id and the version itself. */
export interface KeyedAuditEvent extends HashableAuditEvent {
  requestId: string | null;
  schemaVersion: number;
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

function v1Fields(event: HashableAuditEvent) {
  // Named fields only: a stored row also carries seq/prevHash/hash, which must not feed the hash.
  return {
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
}

/** Version 1: hash(n) = SHA-256(hash(n-1) + canonical event n). Kept to verify legacy rows. */
export function auditEventHash(prevHash: string, event: HashableAuditEvent): Promise<string> {
  return sha256Hex(`${prevHash}\n${canonicalJson(v1Fields(event))}`);
}

/** Version 1 chain check over rows in seq order; the seq of the first broken link, or null. */
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

const encoder = new TextEncoder();

/**
 * The audit chain's HMAC key: HKDF-SHA-256(root secret, "audit-chain"). Someone who can write SQL
 * but does not hold CATALYST_SECRET cannot compute a hash that verifies.
 */
export async function deriveAuditKey(rootSecret: string): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', encoder.encode(rootSecret), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('catalyst-authkit/v1'),
      info: encoder.encode('audit-chain'),
    },
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
}

/**
 * The key of a store opened without one (tests, tools that build a store directly). It is public,
 * so such a log detects accidents and naive edits, not a forger who reads this file.
 */
export const AUDIT_FALLBACK_SECRET = 'catalyst-authkit/audit-fallback-key';
let fallback: Promise<CryptoKey> | undefined;
export const fallbackAuditKey = (): Promise<CryptoKey> =>
  (fallback ??= deriveAuditKey(AUDIT_FALLBACK_SECRET));

async function hmacHex(key: CryptoKey, text: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Version 2: hash(n) = HMAC-SHA-256(audit key, hash(n-1) + canonical event n). */
export function auditEventMac(
  key: CryptoKey,
  prevHash: string,
  event: KeyedAuditEvent,
): Promise<string> {
  const fields = {
    ...v1Fields(event),
    requestId: event.requestId,
    schemaVersion: event.schemaVersion,
  };
  return hmacHex(key, `${prevHash}\n${canonicalJson(fields)}`);
}

/**
 * A checkpoint's id is a MAC over what it vouches for, so a checkpoint written by hand (to hide
 * the oldest rows of a chain) does not verify and the rows behind it count as deleted.
 */
export async function checkpointId(
  key: CryptoKey,
  checkpoint: { chain: string; seq: number; hash: string },
): Promise<string> {
  const { chain, seq, hash } = checkpoint;
  return `ckp_${await hmacHex(key, `checkpoint\n${chain}\n${seq}\n${hash}`)}`;
}

export type AuditTamper = 'edited' | 'deleted' | 'inserted';

export interface AuditChainRow extends KeyedAuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditChainBreak {
  reason: AuditTamper;
  /** The row at which the chain breaks (for `deleted`, the row whose link points at a gone row). */
  seq: number;
  id: string;
  detail: string;
  /** `deleted`: the seq range, exclusive at both ends, that the missing rows lay in. */
  missing?: { afterSeq: number; beforeSeq: number };
}

export interface AuditChainReport {
  /** Rows that verified before the break (all of them when intact). */
  count: number;
  /** The hash the next row must link to. */
  head: string;
  break: AuditChainBreak | null;
}

export interface VerifyChainOptions {
  /** The HMAC key of version 2 rows (the legacy chain needs none). */
  key?: CryptoKey | undefined;
  /** Where the chain resumes: the latest valid checkpoint, else the genesis at seq 0. */
  start?: { seq: number; hash: string } | undefined;
  /** The schema version every row of this chain carries. */
  schemaVersion: number;
  /** Legacy chain: no version 1 row was written after the first version 2 row (this seq). */
  closedAt?: number | undefined;
}

interface Cursor {
  prev: string;
  prevSeq: number;
}

async function rowHash(row: AuditChainRow, key: CryptoKey | undefined): Promise<string | null> {
  if (row.schemaVersion === AUDIT_LEGACY_VERSION) return auditEventHash(row.prevHash, row);
  return key ? auditEventMac(key, row.prevHash, row) : null;
}

/** Whether a v2 row's hash is what someone without the key computes: v1's SHA-256, or the public key. */
async function hashedWithoutKey(row: AuditChainRow, key: CryptoKey | undefined): Promise<boolean> {
  if (row.schemaVersion === AUDIT_LEGACY_VERSION) return false;
  if (row.hash === (await auditEventHash(row.prevHash, row))) return true;
  const publicKey = await fallbackAuditKey();
  return key !== publicKey && row.hash === (await auditEventMac(publicKey, row.prevHash, row));
}

/**
 * Why `row` breaks the chain, or null. A row that verifies under the key but does not link to its
 * predecessor lost that predecessor (deleted). A row that does not verify was inserted when its
 * hash was made without the key, or nothing vouches for it (the next row links past it, or
 * neither its link nor its hash fits); otherwise it was changed in place (edited).
 */
async function judge(
  row: AuditChainRow,
  next: AuditChainRow | undefined,
  at: Cursor,
  options: VerifyChainOptions & { start: { seq: number; hash: string } },
): Promise<AuditChainBreak | null> {
  const where = { seq: row.seq, id: row.id };
  if (row.seq <= options.start.seq)
    return { ...where, reason: 'inserted', detail: 'it precedes the checkpoint of this chain' };
  if (row.schemaVersion !== options.schemaVersion)
    return { ...where, reason: 'inserted', detail: `schema version ${row.schemaVersion}` };
  if (options.closedAt !== undefined && row.seq >= options.closedAt)
    return {
      ...where,
      reason: 'inserted',
      detail: `a version 1 row written after version 2 began at seq ${options.closedAt}`,
    };
  const authentic = (await rowHash(row, options.key)) === row.hash;
  const linked = row.prevHash === at.prev;
  if (linked && authentic) return null;
  if (!authentic && (await hashedWithoutKey(row, options.key)))
    return { ...where, reason: 'inserted', detail: 'its hash was computed without the audit key' };
  if (linked) {
    return next?.prevHash === at.prev
      ? { ...where, reason: 'inserted', detail: 'its hash is not genuine and the chain skips it' }
      : { ...where, reason: 'edited', detail: 'its fields no longer match its hash' };
  }
  if (authentic) {
    const span = at.prevSeq > 0 ? `between seq ${at.prevSeq} and ${row.seq}` : `before ${row.seq}`;
    return {
      ...where,
      reason: 'deleted',
      detail: `its prev_hash names a row that is gone: rows of this chain ${span} are missing`,
      missing: { afterSeq: at.prevSeq, beforeSeq: row.seq },
    };
  }
  return next?.prevHash === row.hash
    ? { ...where, reason: 'edited', detail: 'its prev_hash was changed' }
    : { ...where, reason: 'inserted', detail: 'neither its prev_hash nor its hash is genuine' };
}

/**
 * Walks one chain in seq order (rows may stream from the database page by page) and reports the
 * first broken row. Pure: the caller supplies the rows, the key and where the chain starts.
 */
export async function verifyAuditChain(
  rows: AsyncIterable<AuditChainRow> | Iterable<AuditChainRow>,
  options: VerifyChainOptions,
): Promise<AuditChainReport> {
  const start = options.start ?? { seq: 0, hash: AUDIT_GENESIS_HASH };
  const at: Cursor = { prev: start.hash, prevSeq: start.seq };
  let count = 0;
  let pending: AuditChainRow | undefined;
  const step = async (row: AuditChainRow, next: AuditChainRow | undefined) => {
    const broken = await judge(row, next, at, { ...options, start });
    if (!broken) {
      at.prev = row.hash;
      at.prevSeq = row.seq;
      count += 1;
    }
    return broken;
  };
  // One row of lookahead: whether the next row links to or past a row decides edited vs inserted.
  for await (const row of rows) {
    const broken = pending ? await step(pending, row) : null;
    if (broken) return { count, head: at.prev, break: broken };
    pending = row;
  }
  const broken = pending ? await step(pending, undefined) : null;
  return { count, head: at.prev, break: broken };
}

/** An audit event as the query and export API show it. */
export interface AuditEventView {
  id: string;
  /** Global order of writing; newer events have larger numbers. */
  seq: number;
  occurredAt: string;
  action: string;
  actor: { type: string; id: string | null };
  target: { type: string | null; id: string | null };
  orgId: string | null;
  context: { ip: string | null; userAgent: string | null; requestId: string | null };
  /** The changed fields (or what the action is about). */
  data: Record<string, unknown>;
  schemaVersion: number;
}
