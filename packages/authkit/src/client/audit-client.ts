/** The client's audit-log namespace (DESIGN §3): `/orgs/{orgId}/audit` and `/admin/audit`. */
import type { AuditEventView } from '../domain/audit-chain.js';
import type { Result } from './create-auth-client.js';
import type { Call, Page } from './tenancy-client.js';

export type AuditEvent = AuditEventView;
export type AuditExportFormat = 'ndjson' | 'csv';

/** Every filter narrows; times are ISO 8601 strings or Dates. */
export interface AuditFilters {
  /** The acting user's (or key's) id. */
  actor?: string;
  /** Action names or patterns: `org.*`, `*`, or several (`['org.*', 'key.revoked']`). */
  action?: string | string[];
  targetType?: string;
  targetId?: string;
  /** Events at or after this time. */
  since?: string | Date;
  /** Events before this time. */
  until?: string | Date;
}

/** Platform queries may narrow to one org. */
export interface AdminAuditFilters extends AuditFilters {
  orgId?: string;
}

export interface AuditLogClient<F extends AuditFilters = AuditFilters> {
  /** Newest first; pass `nextCursor` back as `cursor` for the page after. */
  list(options?: F & Page): Promise<Result<{ events: AuditEvent[]; nextCursor: string | null }>>;
  /**
   * The export's URL, for a download link (`<a href={url} download>`): the browser's session
   * cookie authorizes it and the server streams the file. Default format NDJSON.
   */
  exportUrl(filters?: F, format?: AuditExportFormat): string;
}

export interface AuditClient {
  /** One org's log (`audit:read`). */
  org(orgId: string): AuditLogClient;
  /** Every event (a platform role: `admin` or `support`). */
  admin: AuditLogClient<AdminAuditFilters>;
}

const seg = encodeURIComponent;

const QUERY_ORDER = 'actor action targetType targetId since until orgId cursor limit format'.split(
  ' ',
);

/** The filters (and paging) as a query string, `?…` or empty. */
export function auditQuery(options: AdminAuditFilters & Page & { format?: string }): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | Date | undefined) => {
    if (value === undefined || value === '') return;
    params.set(name, value instanceof Date ? value.toISOString() : String(value));
  };
  const { action } = options;
  const values: Record<string, string | number | Date | undefined> = {
    ...options,
    action: Array.isArray(action) ? action.join(',') : action,
  };
  // One loop rather than a call per filter: this code ships in every browser bundle.
  for (const name of QUERY_ORDER) set(name, values[name]);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

function log<F extends AuditFilters>(call: Call, root: string, base: string): AuditLogClient<F> {
  return {
    list: (options = {} as F & Page) => call('GET', `${base}${auditQuery(options)}`),
    exportUrl: (filters = {} as F, format = 'ndjson') =>
      `${root}${base}/export${auditQuery({ ...filters, format })}`,
  };
}

/** `root` is the client's base URL and path, so export URLs work as plain links. */
export function auditClient(call: Call, root: string): AuditClient {
  return {
    org: (orgId) => log(call, root, `/orgs/${seg(orgId)}/audit`),
    admin: log<AdminAuditFilters>(call, root, '/admin/audit'),
  };
}
