'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, dataState, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import {
  webhookMutations,
  webhookQueries,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookDeliveryStatus,
  type WebhookOwnerRef,
  type WebhookReplayRange,
} from './data/webhook-resources.js';
import { useAuthClient } from './hooks.js';
import { useWebhookAccess, webhookState, type WebhookScope } from './use-webhooks.js';

/** How often a list or detail with a delivery still under way asks again, by default. */
export const DELIVERY_POLL_MS = 2_000;

const NOWHERE: WebhookOwnerRef = { orgId: '' };
const NONE: WebhookDelivery[] = [];

/** A delivery the worker has not finished with: worth asking about again soon. */
export const isUnderway = (delivery: Pick<WebhookDelivery, 'status'>) =>
  delivery.status === 'pending' || delivery.status === 'delivering';

export interface UseWebhookDeliveriesOptions {
  /** Only deliveries in this status; default every status. */
  status?: WebhookDeliveryStatus | null;
  /** Refetch interval while a delivery is pending or delivering; `false` never polls. */
  pollMs?: number | false;
}

export interface UseWebhookDeliveriesResult {
  state: DataState;
  /** Newest first, every page loaded so far. */
  deliveries: WebhookDelivery[];
  error: ClientError | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  reload(): Promise<void>;
  /** Whether some delivery is pending or delivering (the list polls meanwhile). */
  underway: boolean;
  canManage: boolean;
  /** Sends one delivery again now (a dead one restarts its retry schedule). */
  retry(deliveryId: string): Promise<Result<WebhookDelivery>>;
  isRetrying(deliveryId: string): boolean;
  /** Re-queues `since`…`until`: dead deliveries (`failed`, default) or every event (`all`). */
  replay(range: WebhookReplayRange): Promise<Result<{ queued: number }>>;
  replaying: boolean;
}

/**
 * One endpoint's deliveries, newest first (paged with `loadMore`), with retry and replay. While
 * any delivery shown is pending or delivering the list refetches every `pollMs`.
 */
export function useWebhookDeliveries(
  scope: WebhookScope,
  webhookId: string | null,
  options: UseWebhookDeliveriesOptions = {},
): UseWebhookDeliveriesResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useWebhookAccess(scope);
  const owner = access.owner ?? NOWHERE;
  const id = webhookId ?? '';
  const poll = options.pollMs ?? DELIVERY_POLL_MS;
  const query = useInfiniteQuery(
    {
      ...webhookQueries.webhooks.deliveries(client, {
        userId: access.userId,
        owner,
        webhookId: id,
        status: options.status ?? null,
      }),
      enabled: access.gate === 'open' && webhookId !== null,
      refetchInterval: (q) =>
        poll !== false && q.state.data?.pages.some((page) => page.items.some(isUnderway))
          ? poll
          : false,
    },
    queryClient,
  );
  const deliveries = React.useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? NONE,
    [query.data],
  );
  const error = asClientError(query.error);
  const retrying = useAction(webhookMutations.webhooks.retry(client, owner, id));
  const replaying = useAction(webhookMutations.webhooks.replay(client, owner, id));
  const { refetch, fetchNextPage } = query;
  return {
    state: webhookState(access, dataState(query.isPending, error, deliveries.length)),
    deliveries,
    error,
    hasMore: query.hasNextPage,
    loadMore: React.useCallback(async () => {
      await fetchNextPage();
    }, [fetchNextPage]),
    loadingMore: query.isFetchingNextPage,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    underway: deliveries.some(isUnderway),
    canManage: access.canManage,
    retry: React.useCallback((deliveryId) => retrying.run({ deliveryId }), [retrying.run]),
    isRetrying: (deliveryId) => retrying.variables?.deliveryId === deliveryId,
    replay: replaying.run,
    replaying: replaying.pending,
  };
}

export interface UseWebhookDeliveryResult {
  /** `empty` until a delivery is chosen (`deliveryId` null). */
  state: DataState;
  delivery: WebhookDeliveryDetail | null;
  /** Every attempt, oldest first: status code, duration, response excerpt, error. */
  attempts: WebhookAttempt[];
  error: ClientError | null;
  reload(): Promise<void>;
}

const NO_ATTEMPTS: WebhookAttempt[] = [];

/** One delivery with its attempt log; polls like the list while it is pending or delivering. */
export function useWebhookDelivery(
  scope: WebhookScope,
  webhookId: string | null,
  deliveryId: string | null,
  options: { pollMs?: number | false } = {},
): UseWebhookDeliveryResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useWebhookAccess(scope);
  const poll = options.pollMs ?? DELIVERY_POLL_MS;
  const chosen = webhookId !== null && deliveryId !== null;
  const query = useQuery(
    {
      ...webhookQueries.webhooks.delivery(client, {
        userId: access.userId,
        owner: access.owner ?? NOWHERE,
        webhookId: webhookId ?? '',
        deliveryId: deliveryId ?? '',
      }),
      enabled: access.gate === 'open' && chosen,
      refetchInterval: (q) =>
        poll !== false && q.state.data && isUnderway(q.state.data) ? poll : false,
    },
    queryClient,
  );
  const error = asClientError(query.error);
  const { refetch } = query;
  const loaded = chosen ? dataState(query.isPending, error, 1) : 'empty';
  return {
    state: webhookState(access, loaded),
    delivery: query.data ?? null,
    attempts: query.data?.attemptLog ?? NO_ATTEMPTS,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
  };
}
