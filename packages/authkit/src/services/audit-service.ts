import type { AuditEventView } from '../domain/audit-chain.js';
import { AuthkitError } from '../domain/errors.js';
import { requirePlatform, type PlatformRolesOf } from './platform-access.js';
import type { Clock } from '../ports/clock.js';
import type { AuditEventRecord, AuditPruneResult, AuditQuery, StorePort } from '../ports/store.js';
import { orgAccess, requirePermission } from './org-access.js';

export type { AuditEventView };
export type AuditExportFormat = 'ndjson' | 'csv';

/** Filters as the API takes them; every one narrows. */
export interface AuditFilters {
  /** The acting user's (or key's) id. */
  actor?: string | undefined;
  /** Action names or patterns, comma-separated: `org.*`, `*`, `user.signed_in,key.*`. */
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** ISO 8601: occurredAt >= since. */
  since?: string | undefined;
  /** ISO 8601: occurredAt < until. */
  until?: string | undefined;
  /** Platform queries only: one org's events (org queries are always their own org's). */
  orgId?: string | undefined;
}

export interface AuditListPage {
  events: AuditEventView[];
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 50;
const EXPORT_PAGE = 500;
const DAY_MS = 86_400_000;

export function auditView(e: AuditEventRecord): AuditEventView {
  return {
    id: e.id,
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    action: e.action,
    actor: { type: e.actorType, id: e.actorId },
    target: { type: e.targetType, id: e.targetId },
    orgId: e.orgId,
    context: { ip: e.ip, userAgent: e.userAgent, requestId: e.requestId },
    data: e.data,
    schemaVersion: e.schemaVersion,
  };
}

const badCursor = () =>
  new AuthkitError('invalid_cursor', 'the cursor is not one this API issued', { field: 'cursor' });

/** Opaque to clients: base64url of `seq:<n>`, the last event of the page before. */
export function encodeAuditCursor(seq: number): string {
  return btoa(`seq:${seq}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeAuditCursor(cursor: string): number {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) throw badCursor();
  let text: string;
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    throw badCursor();
  }
  const match = /^seq:([1-9]\d{0,15})$/.exec(text);
  const seq = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(seq)) throw badCursor();
  return seq;
}

function date(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new AuthkitError('invalid_request', `${field}: must be an ISO 8601 date-time`, { field });
  return at;
}

function toQuery(filters: AuditFilters): AuditQuery {
  const actions = filters.action
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return {
    actorId: filters.actor,
    actions: actions?.length ? actions : undefined,
    targetType: filters.targetType,
    targetId: filters.targetId,
    since: date(filters.since, 'since'),
    until: date(filters.until, 'until'),
  };
}

const CSV_COLUMNS = [
  'id',
  'seq',
  'occurredAt',
  'action',
  'actorType',
  'actorId',
  'targetType',
  'targetId',
  'orgId',
  'ip',
  'userAgent',
  'requestId',
  'schemaVersion',
  'data',
] as const;

/**
 * One RFC 4180 cell. A spreadsheet runs a cell starting with = + - @ (or tab, CR) as a formula, and
 * actors control user agents and data, so such cells get a leading `'` and stay text.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(v: AuditEventView): string {
  const cells = [
    v.id,
    v.seq,
    v.occurredAt,
    v.action,
    v.actor.type,
    v.actor.id,
    v.target.type,
    v.target.id,
    v.orgId,
    v.context.ip,
    v.context.userAgent,
    v.context.requestId,
    v.schemaVersion,
    JSON.stringify(v.data),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const line = (format: AuditExportFormat, record: AuditEventRecord) =>
  format === 'csv' ? csvLine(auditView(record)) : `${JSON.stringify(auditView(record))}\n`;

/**
 * Reading the audit log: an org's (`audit:read`) or the whole platform's (a platform role), as
 * pages newest first or as a streamed export. Every org query carries the org's id.
 */
export class AuditService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly rolesOf: PlatformRolesOf,
  ) {}

  private async orgReader(orgId: string, actorId: string): Promise<void> {
    const access = await orgAccess(this.store.orgs.scoped(orgId), actorId);
    requirePermission(access.permissions, 'audit:read');
  }

  private async platformReader(actorId: string): Promise<void> {
    await requirePlatform(this.rolesOf, actorId, 'read');
  }

  async listOrg(
    orgId: string,
    actorId: string,
    filters: AuditFilters,
    page: { cursor?: string | undefined; limit?: number | undefined } = {},
  ): Promise<AuditListPage> {
    await this.orgReader(orgId, actorId);
    return this.page({ ...toQuery(filters), orgId }, page);
  }

  async listPlatform(
    actorId: string,
    filters: AuditFilters,
    page: { cursor?: string | undefined; limit?: number | undefined } = {},
  ): Promise<AuditListPage> {
    await this.platformReader(actorId);
    return this.page({ ...toQuery(filters), orgId: filters.orgId }, page);
  }

  /** Checks access before the first byte, so a refusal is a proper problem answer. */
  async exportOrg(
    orgId: string,
    actorId: string,
    filters: AuditFilters,
    format: AuditExportFormat,
  ): Promise<ReadableStream<Uint8Array>> {
    await this.orgReader(orgId, actorId);
    return this.stream({ ...toQuery(filters), orgId }, format);
  }

  async exportPlatform(
    actorId: string,
    filters: AuditFilters,
    format: AuditExportFormat,
  ): Promise<ReadableStream<Uint8Array>> {
    await this.platformReader(actorId);
    return this.stream({ ...toQuery(filters), orgId: filters.orgId }, format);
  }

  /** Retention (`auditRetentionDays`): what the worker's housekeeping calls. */
  prune(retentionDays: number | undefined): Promise<AuditPruneResult[]> {
    return pruneAuditLog(this.store, this.clock, { auditRetentionDays: retentionDays });
  }

  private async page(
    query: AuditQuery,
    page: { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<AuditListPage> {
    const limit = page.limit ?? DEFAULT_LIMIT;
    const after = page.cursor ? decodeAuditCursor(page.cursor) : undefined;
    const rows = await this.store.audit.query(query, { order: 'desc', after, limit: limit + 1 });
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      events: shown.map(auditView),
      nextCursor: rows.length > limit && last ? encodeAuditCursor(last.seq) : null,
    };
  }

  /**
   * Oldest first, one page of rows per pull, never the whole result in memory. It stops at the
   * newest event that matched when the export began, so a busy log cannot keep it running.
   */
  private async stream(
    query: AuditQuery,
    format: AuditExportFormat,
  ): Promise<ReadableStream<Uint8Array>> {
    const [newest] = await this.store.audit.query(query, { order: 'desc', limit: 1 });
    const encoder = new TextEncoder();
    let after: number | undefined;
    let header = format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const rows = newest
          ? await this.store.audit.query(query, { order: 'asc', after, limit: EXPORT_PAGE })
          : [];
        const shown = rows.filter((r) => r.seq <= newest!.seq);
        const text = header + shown.map((r) => line(format, r)).join('');
        header = '';
        if (text) controller.enqueue(encoder.encode(text));
        if (rows.length < EXPORT_PAGE || shown.length < rows.length) controller.close();
        else after = rows[rows.length - 1]!.seq;
      },
    });
  }
}

/**
 * Deletes audit events older than `auditRetentionDays` (nothing when unset), leaving a checkpoint
 * per chain so verification still passes. Safe to run from any number of workers.
 */
export async function pruneAuditLog(
  store: StorePort,
  clock: Clock,
  settings: { auditRetentionDays?: number | undefined },
): Promise<AuditPruneResult[]> {
  if (!settings.auditRetentionDays) return [];
  return store.audit.prune(new Date(clock.now().getTime() - settings.auditRetentionDays * DAY_MS));
}
