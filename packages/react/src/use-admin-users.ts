'use client';
import type {
  AdminBulkInput,
  AdminUser,
  AdminUserSort,
  AuthClient,
  ClientError,
  Result,
  SessionPayload,
} from '@catalyst/authkit';
import { useInfiniteQuery } from '@tanstack/react-query';
import * as React from 'react';
import {
  adminMutations,
  adminQueries,
  normalizeAdminUserFilters,
  type AdminUserFilters,
} from './data/admin-resources.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient, useSession } from './hooks.js';

/** What the caller may do here: from the session's `platformRoles` (the server checks again). */
export type AdminAccess = 'loading' | 'none' | 'support' | 'admin';

export interface AdminAccessResult {
  access: AdminAccess;
  /** `support` and `admin` read; the server's 403 still wins (the panel turns `forbidden`). */
  canRead: boolean;
  /** Only `admin` writes: without it, no write control is rendered. */
  canWrite: boolean;
  userId: string | null;
}

// One `GET /session` per client and session, however many admin hooks ask at once.
const asking = new WeakMap<
  AuthClient,
  { sessionId: string; answer: ReturnType<AuthClient['getSession']> }
>();
function rolesOf(client: AuthClient, sessionId: string) {
  const pending = asking.get(client);
  if (pending?.sessionId === sessionId) return pending.answer;
  const answer = client.getSession();
  asking.set(client, { sessionId, answer });
  return answer;
}

/**
 * The caller's platform access. `GET /session` carries `platformRoles`; a session that came from
 * a sign-in answer does not, so it is read once more. Should that fail, the UI stays read-only
 * and leaves the decision to the server.
 */
export function useAdminAccess(): AdminAccessResult {
  const client = useAuthClient();
  const session = useSession();
  const roles = session.data?.platformRoles;
  const sessionId = session.data?.session.id ?? null;
  const [failed, setFailed] = React.useState<string | null>(null);
  const unknown = session.status === 'authenticated' && roles === undefined;
  React.useEffect(() => {
    if (!unknown || sessionId === null) return;
    let stale = false;
    void rolesOf(client, sessionId).then((result) => {
      // Still no roles (an error, or a server that does not send them): stop waiting.
      const known = result.ok && (result.data as SessionPayload).platformRoles !== undefined;
      if (!stale && !known) setFailed(sessionId);
    });
    return () => {
      stale = true;
    };
  }, [client, unknown, sessionId]);
  let access: AdminAccess;
  if (session.status === 'loading' || (unknown && failed !== sessionId)) access = 'loading';
  else if (session.status === 'unauthenticated') access = 'none';
  else if (roles?.includes('admin')) access = 'admin';
  else if (unknown || roles?.includes('support')) access = 'support';
  else access = 'none';
  return {
    access,
    canRead: access === 'support' || access === 'admin',
    canWrite: access === 'admin',
    userId: session.data?.user.id ?? null,
  };
}

/** The sortable columns; each sorts ascending or (`-`) descending on the server. */
export type AdminUserColumn = 'email' | 'created' | 'lastActive';

export interface UseAdminUsersOptions {
  defaultFilters?: AdminUserFilters;
  /** Default `-created` (newest first). */
  defaultSort?: AdminUserSort;
  /** Users per page (1–100); default 25. */
  pageSize?: number;
}

export type AdminBulkResults = Array<{ userId: string; ok: boolean; code?: string }>;

export interface UseAdminUsersResult extends AdminAccessResult {
  /** `forbidden` without a platform role, signed out, or when the server says 401/403. */
  state: DataState;
  /** The users of the page shown. */
  users: AdminUser[];
  error: ClientError | null;
  /** The filters in effect (trimmed, blanks dropped); a change goes back to the first page. */
  filters: AdminUserFilters;
  setFilters(filters: AdminUserFilters): void;
  /** Sets (or, with `undefined`, clears) one filter. */
  setFilter<K extends keyof AdminUserFilters>(name: K, value: AdminUserFilters[K]): void;
  sort: AdminUserSort;
  setSort(sort: AdminUserSort): void;
  /** Sorts by a column; again on the same column reverses it. */
  toggleSort(column: AdminUserColumn): void;
  /** 0-based index of the page shown. */
  page: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Shows the next page, fetching it with the last page's cursor when not loaded yet. */
  nextPage(): Promise<void>;
  previousPage(): void;
  /** A page is on its way. */
  paging: boolean;
  /** The rows shown are the last search's, while the new one loads. */
  refreshing: boolean;
  reload(): Promise<void>;
  /** Selected user ids (kept across pages; cleared when the filters or the sort change). */
  selected: ReadonlySet<string>;
  isSelected(userId: string): boolean;
  select(userId: string, on: boolean): void;
  /** Selects or unselects every user on the page shown. */
  selectPage(on: boolean): void;
  clearSelection(): void;
  /** One action on every selected user; those it succeeded for leave the selection. */
  bulk(input: Omit<AdminBulkInput, 'userIds'>): Promise<Result<{ results: AdminBulkResults }>>;
  bulkPending: boolean;
}

const NO_USERS: AdminUser[] = [];
const NOTHING: ReadonlySet<string> = new Set();
/** A first click sorts emails A→Z and dates newest first. */
const FIRST: Record<AdminUserColumn, AdminUserSort> = {
  email: 'email',
  created: '-created',
  lastActive: '-lastActive',
};

/**
 * Platform users for admin and support staff: search and filters, a server-side sort, keyset
 * pages (next and previous), a selection and bulk actions. The filters, sort, page and selection
 * live in this hook's state.
 */
export function useAdminUsers(options: UseAdminUsersOptions = {}): UseAdminUsersResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useAdminAccess();
  const [view, setView] = React.useState(() => ({
    filters: normalizeAdminUserFilters(options.defaultFilters ?? {}),
    sort: options.defaultSort ?? ('-created' as AdminUserSort),
    page: 0,
  }));
  const [selected, setSelected] = React.useState<ReadonlySet<string>>(NOTHING);
  const definition = adminQueries.users.list(client, {
    userId: access.userId,
    filters: view.filters,
    sort: view.sort,
    ...(options.pageSize ? { limit: options.pageSize } : {}),
  });
  const query = useInfiniteQuery(
    {
      ...definition,
      enabled: access.canRead,
      // A new search, filter or sort keeps the rows on screen until its own arrive (no flash of
      // "loading"), but never another viewer's rows.
      placeholderData: (previous, previousQuery) =>
        previousQuery?.queryKey[4] === access.userId ? previous : undefined,
    },
    queryClient,
  );
  const pages = query.data?.pages;
  // A refetch after a delete may hold fewer pages than the one shown: show the last one.
  const page = Math.max(0, Math.min(view.page, (pages?.length ?? 1) - 1));
  const users = pages?.[page]?.users ?? NO_USERS;
  const error = asClientError(query.error);
  const loaded = dataState(query.isPending, error, users.length);
  const state: DataState =
    access.access === 'loading' ? 'loading' : access.access === 'none' ? 'forbidden' : loaded;

  const changeView = React.useCallback(
    (next: { filters?: AdminUserFilters; sort?: AdminUserSort }) => {
      setView((current) => ({
        filters: next.filters ? normalizeAdminUserFilters(next.filters) : current.filters,
        sort: next.sort ?? current.sort,
        page: 0,
      }));
      setSelected(NOTHING);
    },
    [],
  );
  const { fetchNextPage, refetch } = query;
  const loadedPages = pages?.length ?? 0;
  const bulkAction = useAction(adminMutations.users.bulk(client, [...selected]));
  const { run: runBulk } = bulkAction;

  return {
    ...access,
    state,
    users,
    error,
    filters: view.filters,
    setFilters: React.useCallback((filters) => changeView({ filters }), [changeView]),
    setFilter: React.useCallback(
      (name, value) => changeView({ filters: { ...view.filters, [name]: value } }),
      [changeView, view.filters],
    ),
    sort: view.sort,
    setSort: React.useCallback((sort) => changeView({ sort }), [changeView]),
    toggleSort: React.useCallback(
      (column) =>
        changeView({
          sort:
            view.sort.replace('-', '') === column
              ? ((view.sort.startsWith('-') ? column : `-${column}`) as AdminUserSort)
              : FIRST[column],
        }),
      [changeView, view.sort],
    ),
    page,
    hasNextPage: page + 1 < loadedPages || query.hasNextPage,
    hasPreviousPage: page > 0,
    nextPage: React.useCallback(async () => {
      if (page + 1 >= loadedPages) {
        const result = await fetchNextPage();
        if ((result.data?.pages.length ?? 0) <= page + 1) return;
      }
      setView((current) => ({ ...current, page: page + 1 }));
    }, [fetchNextPage, loadedPages, page]),
    previousPage: React.useCallback(
      () => setView((current) => ({ ...current, page: Math.max(0, page - 1) })),
      [page],
    ),
    paging: query.isFetchingNextPage,
    refreshing: query.isPlaceholderData,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    selected,
    isSelected: (userId) => selected.has(userId),
    select: React.useCallback(
      (userId, on) =>
        setSelected((current) => {
          const next = new Set(current);
          if (on) next.add(userId);
          else next.delete(userId);
          return next;
        }),
      [],
    ),
    selectPage: React.useCallback(
      (on) =>
        setSelected((current) => {
          const next = new Set(current);
          for (const user of users) {
            if (on) next.add(user.id);
            else next.delete(user.id);
          }
          return next;
        }),
      [users],
    ),
    clearSelection: React.useCallback(() => setSelected(NOTHING), []),
    bulk: React.useCallback(
      async (input) => {
        const result = await runBulk(input);
        if (result.ok) {
          const done = new Set(result.data.results.filter((r) => r.ok).map((r) => r.userId));
          setSelected((current) => new Set([...current].filter((id) => !done.has(id))));
        }
        return result;
      },
      [runBulk],
    ),
    bulkPending: bulkAction.pending,
  };
}
