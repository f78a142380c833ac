import type { AuthClient, Result } from '@catalyst/authkit';
import { retryRequest, unwrap, type ResourceScope } from './core.js';
import { PAGE_SIZE, type PageOf } from './org-resources.js';

/** The client calls for one audit log (`client.audit.org(orgId)`; `.admin` has the same shape). */
export type AuditLogClient = ReturnType<AuthClient['audit']['org']>;
type DataOf<F> = F extends (...args: never[]) => Promise<Result<infer D>> ? D : never;

/** One event as the API shows it (`AuditEventView`): newest first, `seq` orders them. */
export type AuditEvent = DataOf<AuditLogClient['list']>['events'][number];
export type AuditExportFormat = NonNullable<Parameters<AuditLogClient['exportUrl']>[1]>;

/** Whose log: the platform's (`/admin/audit`, a platform role) or an org's (`audit:read`). */
export type AuditScopeRef = 'platform' | { orgId: string };

/**
 * The filters, as the inputs hold them: every one narrows, an empty one is no filter. `action`
 * takes names or patterns, comma-separated (`org.*`, `key.revoked`, `*`); `since` and `until` are
 * ISO 8601 date-times; `orgId` narrows the platform's log to one org (ignored for an org's).
 */
export interface AuditFilterValues {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: string;
  until?: string;
  orgId?: string;
}

export type AuditFilterName = keyof AuditFilterValues;
export const AUDIT_FILTER_NAMES: readonly AuditFilterName[] = [
  'actor',
  'action',
  'targetType',
  'targetId',
  'since',
  'until',
  'orgId',
];

/** Who asks about which log with which filters: query keys carry all three. */
export interface AuditLogScope extends ResourceScope {
  scope: AuditScopeRef;
  filters: AuditFilterValues;
}

/** The log's segment of a query key: `'platform'`, or the org's id. */
export const auditScopeKey = (scope: AuditScopeRef): string =>
  scope === 'platform' ? 'platform' : scope.orgId;

/**
 * The filters without blanks (trimmed; `action` without empty or repeated patterns, and without
 * `orgId` unless the log is the platform's): the same filters always make the same query key.
 */
export function normalizeAuditFilters(
  filters: AuditFilterValues,
  scope: AuditScopeRef | null = 'platform',
): AuditFilterValues {
  const out: AuditFilterValues = {};
  for (const name of AUDIT_FILTER_NAMES) {
    if (name === 'orgId' && scope !== 'platform') continue;
    const value = filters[name]?.trim();
    if (value) out[name] = value;
  }
  if (out.action) {
    const patterns = [
      ...new Set(
        out.action
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      ),
    ];
    if (patterns.length > 0) out.action = patterns.join(',');
    else delete out.action;
  }
  return out;
}

type PageOfEvents = { events: AuditEvent[]; nextCursor: string | null };

/** One page of a log, with the filters in the client's terms. */
function list(
  client: AuthClient,
  scope: AuditScopeRef,
  filters: AuditFilterValues,
  page: { cursor?: string; limit?: number },
): Promise<Result<PageOfEvents>> {
  if (scope === 'platform') return client.audit.admin.list({ ...filters, ...page });
  const { orgId: _platformOnly, ...own } = filters;
  return client.audit.org(scope.orgId).list({ ...own, ...page });
}

/** The URL of a streamed export (`<a href download>`: the session cookie authorizes it). */
export function auditExportUrl(
  client: AuthClient,
  scope: AuditScopeRef,
  filters: AuditFilterValues,
  format: AuditExportFormat = 'ndjson',
): string {
  if (scope === 'platform') return client.audit.admin.exportUrl(filters, format);
  const { orgId: _platformOnly, ...own } = filters;
  return client.audit.org(scope.orgId).exportUrl(own, format);
}

const base = (scope: AuditScopeRef) => ['catalyst', 'audit', auditScopeKey(scope)] as const;
/** Every cached list of one log, whoever asked and whatever the filters. */
const listsOf = (scope: AuditScopeRef) => [...base(scope), 'list'] as const;

/**
 * The audit-log resources (`catalystQueries.audit`). Keys are
 * `['catalyst', 'audit', 'platform' | orgId, 'list', userId, filters]`. The log is read-only:
 * nothing here is ever invalidated by a write of ours, lists refetch when stale.
 */
export const auditQueries = {
  audit: {
    all: ['catalyst', 'audit'] as const,
    scope: base,
    lists: listsOf,
    /** One log, newest first, narrowed by `filters`; paged (`infiniteQueryOptions` shape). */
    list: (client: AuthClient, scope: AuditLogScope) => {
      const filters = normalizeAuditFilters(scope.filters, scope.scope);
      return {
        queryKey: [...listsOf(scope.scope), scope.userId, filters] as const,
        queryFn: async ({
          pageParam,
        }: {
          pageParam: string | null;
        }): Promise<PageOf<AuditEvent>> => {
          const data = unwrap(
            await list(client, scope.scope, filters, {
              limit: PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            }),
          );
          return { items: data.events, nextCursor: data.nextCursor };
        },
        initialPageParam: null as string | null,
        getNextPageParam: (last: PageOf<AuditEvent>): string | null => last.nextCursor,
        retry: retryRequest,
      };
    },
  },
};

/** How far before the newest event a live-tail poll starts (clocks of several servers differ). */
const SKEW_MS = 5_000;
const TAIL_PAGE = 100;

/**
 * The events newer than `newest` (by `seq`) that match `filters`, newest first: what a live tail
 * prepends. `complete` is false when more arrived than `maxPages` pages hold (reload instead).
 */
export async function fetchNewerAuditEvents(
  client: AuthClient,
  scope: AuditScopeRef,
  filters: AuditFilterValues,
  newest: Pick<AuditEvent, 'seq' | 'occurredAt'> | null,
  maxPages = 3,
): Promise<{ events: AuditEvent[]; complete: boolean }> {
  const narrowed = normalizeAuditFilters(filters, scope);
  if (newest) {
    const from = Date.parse(newest.occurredAt) - SKEW_MS;
    const own = narrowed.since ? Date.parse(narrowed.since) : Number.NaN;
    if (!(own > from)) narrowed.since = new Date(from).toISOString();
  }
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: PageOfEvents = unwrap(
      await list(client, scope, narrowed, { limit: TAIL_PAGE, ...(cursor ? { cursor } : {}) }),
    );
    const newer = page.events.filter((event) => !newest || event.seq > newest.seq);
    events.push(...newer);
    if (!page.nextCursor || newer.length < page.events.length) return { events, complete: true };
    cursor = page.nextCursor;
  }
  return { events, complete: false };
}
