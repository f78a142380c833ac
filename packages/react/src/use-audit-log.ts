'use client';
import type { ClientError } from '@catalyst/authkit';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import * as React from 'react';
import {
  AUDIT_FILTER_NAMES,
  auditExportUrl,
  auditQueries,
  fetchNewerAuditEvents,
  normalizeAuditFilters,
  type AuditEvent,
  type AuditExportFormat,
  type AuditFilterName,
  type AuditFilterValues,
  type AuditScopeRef,
} from './data/audit-resources.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import type { PageOf } from './data/org-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAuthClient, useSession } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';

/** Whose log: an org's (`audit:read` there; `orgId: null` is none) or the platform's. */
export type AuditScope = { orgId: string | null } | 'platform';

/** How often a live tail asks for newer events, by default. */
export const AUDIT_TAIL_MS = 5_000;

export interface UseAuditLogOptions {
  /** Poll for events newer than the newest shown and prepend them; off by default. */
  live?: boolean;
  /** The live tail's interval (ms); default `AUDIT_TAIL_MS`. */
  pollMs?: number;
}

export interface UseAuditLogResult {
  /** `forbidden` when signed out, without `audit:read` in the org, or when the server says 403. */
  state: DataState;
  orgId: string | null;
  platform: boolean;
  /** The filters in effect (trimmed, blanks dropped). */
  filters: AuditFilterValues;
  /** Newest first: every page loaded so far, with what the live tail prepended. */
  events: AuditEvent[];
  /** Loading failed (a bad filter too: see `filterError`). */
  error: ClientError | null;
  /** A 400 naming one of the filters in `field`: show it next to that filter. */
  filterError: (ClientError & { field: AuditFilterName }) | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  reload(): Promise<void>;
  /** Whether the caller may read the log (an org's: `audit:read`; the platform's: the server says). */
  canRead: boolean;
  /** Whether the live tail is on and polling now (off while the tab is hidden). */
  tailing: boolean;
  /** The live tail is on but paused: the tab is hidden. */
  paused: boolean;
  /** Ids of the events the live tail added (until the filters change). */
  arrived: ReadonlySet<string>;
  /** A download link for the matching events (the same filters); null without a log. */
  exportUrl(format?: AuditExportFormat): string | null;
}

interface AuditAccess {
  scope: AuditScopeRef | null;
  orgId: string | null;
  platform: boolean;
  userId: string | null;
  canRead: boolean;
  gate: 'loading' | 'forbidden' | 'none' | 'open';
}

/** An org's log needs `audit:read` there; the platform's is the server's call (a platform role). */
function useAuditAccess(scope: AuditScope): AuditAccess {
  const session = useSession();
  const platform = scope === 'platform';
  const org = platform ? null : scope.orgId || null;
  const permissions = useOrgPermissions(org);
  const signedIn = session.status === 'authenticated';
  const canRead = signedIn && (platform || (org !== null && permissions.can('audit:read')));
  const denied =
    session.status === 'unauthenticated' || (org !== null && permissions.known && !canRead);
  const ref = React.useMemo<AuditScopeRef | null>(
    () => (platform ? 'platform' : org === null ? null : { orgId: org }),
    [platform, org],
  );
  return {
    scope: ref,
    orgId: org,
    platform,
    userId: session.data?.user.id ?? null,
    canRead,
    gate:
      session.status === 'loading'
        ? 'loading'
        : denied
          ? 'forbidden'
          : ref === null
            ? 'none'
            : 'open',
  };
}

const subscribeVisibility = (onChange: () => void) => {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
};
const isVisible = () => document.visibilityState !== 'hidden';
/** Whether the tab is visible (always, on the server). */
const useVisible = () => React.useSyncExternalStore(subscribeVisibility, isVisible, () => true);

type Pages = InfiniteData<PageOf<AuditEvent>, string | null>;

/** The pages with `fresh` (newest first) in front of the first, minus any already there. */
function prepend(data: Pages | undefined, fresh: AuditEvent[]): Pages | undefined {
  const [first, ...rest] = data?.pages ?? [];
  if (!data || !first) return data;
  const shown = new Set(data.pages.flatMap((page) => page.items.map((event) => event.id)));
  const added = fresh.filter((event) => !shown.has(event.id));
  if (added.length === 0) return data;
  return { ...data, pages: [{ ...first, items: [...added, ...first.items] }, ...rest] };
}

const newestOf = (data: Pages | undefined): AuditEvent | null => {
  let newest: AuditEvent | null = null;
  for (const page of data?.pages ?? [])
    for (const event of page.items) if (!newest || event.seq > newest.seq) newest = event;
  return newest;
};

const NONE: AuditEvent[] = [];
const NOTHING: ReadonlySet<string> = new Set();
const NOWHERE: AuditScopeRef = { orgId: '' };

/**
 * An audit log, newest first: an org's (`{ orgId }`, `audit:read`) or the platform's
 * (`'platform'`), narrowed by `filters` (a change refetches), paged with `loadMore`. With
 * `live`, it asks every `pollMs` for events newer than the newest shown and prepends them; it
 * pauses while the tab is hidden. `exportUrl(format)` links the same events as NDJSON or CSV.
 */
export function useAuditLog(
  scope: AuditScope,
  filters: AuditFilterValues = {},
  options: UseAuditLogOptions = {},
): UseAuditLogResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useAuditAccess(scope);
  const ref = access.scope ?? NOWHERE;
  const applied = normalizeAuditFilters(filters, access.scope);
  const appliedKey = JSON.stringify(applied);
  const definition = auditQueries.audit.list(client, {
    userId: access.userId,
    scope: ref,
    filters: applied,
  });
  const query = useInfiniteQuery({ ...definition, enabled: access.gate === 'open' }, queryClient);
  const events = React.useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? NONE,
    [query.data],
  );
  const error = asClientError(query.error);
  const filterError =
    error?.status === 400 && AUDIT_FILTER_NAMES.some((name) => name === error.field)
      ? (error as ClientError & { field: AuditFilterName })
      : null;

  // The live tail: one poll now, then one every `pollMs`, while on, loaded and visible.
  const visible = useVisible();
  const live = options.live === true;
  const pollMs = options.pollMs ?? AUDIT_TAIL_MS;
  const tailing = live && visible && access.gate === 'open' && query.isSuccess;
  const [arrived, setArrived] = React.useState<{ key: string; ids: ReadonlySet<string> }>({
    key: appliedKey,
    ids: NOTHING,
  });
  const queryKeyHash = JSON.stringify(definition.queryKey);
  const { refetch } = query;
  React.useEffect(() => {
    if (!tailing) return;
    const key = JSON.parse(queryKeyHash) as readonly unknown[];
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const newest = newestOf(queryClient.getQueryData<Pages>(key));
        const found = await fetchNewerAuditEvents(client, ref, applied, newest);
        if (stopped) return;
        if (!found.complete) {
          await refetch();
        } else if (found.events.length > 0) {
          queryClient.setQueryData<Pages>(key, (data) => prepend(data, found.events));
          setArrived((current) => ({
            key: appliedKey,
            ids: new Set([
              ...(current.key === appliedKey ? current.ids : []),
              ...found.events.map((event) => event.id),
            ]),
          }));
        }
      } catch {
        // A failed poll is tried again at the next tick; the list keeps what it shows.
      }
      if (!stopped) timer = setTimeout(tick, pollMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `ref` and `applied` are what `queryKeyHash` and `appliedKey` spell out.
  }, [tailing, queryKeyHash, appliedKey, pollMs, client, queryClient, refetch]);

  const { fetchNextPage } = query;
  const loaded = dataState(query.isPending, error, events.length);
  const state = access.gate === 'open' ? loaded : access.gate === 'none' ? 'empty' : access.gate;
  return {
    state,
    orgId: access.orgId,
    platform: access.platform,
    filters: applied,
    events,
    error,
    filterError,
    hasMore: query.hasNextPage,
    loadMore: React.useCallback(async () => {
      await fetchNextPage();
    }, [fetchNextPage]),
    loadingMore: query.isFetchingNextPage,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    canRead: access.canRead && state !== 'forbidden',
    tailing,
    paused: live && !visible,
    arrived: arrived.key === appliedKey ? arrived.ids : NOTHING,
    exportUrl: (format = 'ndjson') =>
      access.scope ? auditExportUrl(client, access.scope, applied, format) : null,
  };
}
