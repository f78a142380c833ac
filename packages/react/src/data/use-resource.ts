'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import { useInfiniteQuery, useMutation, type QueryClient } from '@tanstack/react-query';
import * as React from 'react';
import { useCatalystQueryClient } from './query-client.js';
import { asClientError, dataState, retryRequest, type DataState } from './core.js';
import type { PageOf } from './org-resources.js';

/** What a paged list hook returns: the rows so far, and the way to the next page. */
export interface PagedList<T> {
  state: DataState;
  items: T[];
  error: ClientError | null;
  /** Whether the server has more rows (`nextCursor`). */
  hasMore: boolean;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  reload(): Promise<void>;
}

interface PagedOptions<T> {
  queryKey: readonly unknown[];
  queryFn: (context: { pageParam: string | null }) => Promise<PageOf<T>>;
  initialPageParam: string | null;
  getNextPageParam: (last: PageOf<T>) => string | null;
}

/** A cursor-paginated resource (`catalystQueries.*.list`) as a flat list. */
export function usePagedList<T>(
  options: PagedOptions<T>,
  enabled: boolean,
  queryClient: QueryClient,
): PagedList<T> {
  const query = useInfiniteQuery(
    {
      ...options,
      queryFn: ({ pageParam }) => options.queryFn({ pageParam }),
      enabled,
      retry: retryRequest,
    },
    queryClient,
  );
  const items = React.useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? [],
    [query.data],
  );
  const error = asClientError(query.error);
  const { refetch, fetchNextPage } = query;
  return {
    state: dataState(query.isPending, error, items.length),
    items,
    error,
    hasMore: query.hasNextPage,
    loadMore: React.useCallback(async () => {
      await fetchNextPage();
    }, [fetchNextPage]),
    loadingMore: query.isFetchingNextPage,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
  };
}

interface MutationDefinition<V, R> {
  mutationKey: readonly unknown[];
  mutationFn: (variables: V) => Promise<R>;
  invalidates: ReadonlyArray<readonly unknown[]>;
}

/** A write with its pending variables and last error; it invalidates exactly its keys. */
export interface Action<V, R> {
  /** Runs the write; resolves with its outcome (the error also lands in `error`). */
  run(variables: V): Promise<Result<R>>;
  pending: boolean;
  /** What the write in flight was called with (to mark the one row that is pending). */
  variables: V | undefined;
  error: ClientError | null;
  reset(): void;
}

export function useAction<V, R>(definition: MutationDefinition<V, R>): Action<V, R> {
  const queryClient = useCatalystQueryClient();
  const { invalidates, ...mutation } = definition;
  const result = useMutation(
    {
      ...mutation,
      onSettled: () =>
        Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
    },
    queryClient,
  );
  const { mutateAsync, reset } = result;
  const run = React.useCallback(
    (variables: V): Promise<Result<R>> =>
      mutateAsync(variables).then(
        (data) => ({ ok: true as const, data }),
        (error: unknown) => ({
          ok: false as const,
          error: asClientError(error) ?? {
            code: 'internal_error' as const,
            status: 0,
            message: 'request failed',
          },
        }),
      ),
    [mutateAsync],
  );
  return {
    run,
    pending: result.isPending,
    variables: result.isPending ? result.variables : undefined,
    error: asClientError(result.error),
    reset,
  };
}
