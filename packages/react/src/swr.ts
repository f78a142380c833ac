'use client';
import type {
  ApiKey,
  ClientError,
  IssuedApiKey,
  IssueKeyInput,
  MyOrg,
  Result,
  Session,
} from '@catalyst/authkit';
import * as React from 'react';
import useSWR from 'swr';
import { asClientError, dataState, type DataState } from './data/core.js';
import { keyMutations, keyQueries, type KeyStatusFilter } from './data/key-resources.js';
import { orgQueries } from './data/org-resources.js';
import { sessionMutations, sessionQueries } from './data/session-resources.js';
import { useAuthClient, useSession } from './hooks.js';

export { catalystQueries, catalystMutations, CatalystRequestError } from './data/resources.js';

/** The same resources as `catalystQueries`, as SWR hooks (for apps that use SWR, not TanStack Query). */
export interface UseSessionsSWRResult {
  state: DataState;
  sessions: Session[];
  error: ClientError | null;
  reload(): Promise<void>;
  revoke(id: string): Promise<boolean>;
  canRevoke(session: Session): boolean;
}

/** The signed-in user's sessions through SWR; revoking revalidates exactly the sessions list. */
export function useSessions(): UseSessionsSWRResult {
  const client = useAuthClient();
  const session = useSession();
  const userId = session.data?.user?.id ?? null;
  const { queryKey, queryFn } = sessionQueries.sessions.list(client, { userId });
  // A null key waits for the session: the list is keyed by user.
  const swr = useSWR(session.status === 'loading' ? null : queryKey, queryFn);
  const [revokeError, setRevokeError] = React.useState<ClientError | null>(null);
  const { mutate } = swr;
  const sessions = swr.data ?? [];
  const loadError = asClientError(swr.error);
  return {
    state: dataState(swr.isLoading || session.status === 'loading', loadError, sessions.length),
    sessions,
    error: loadError ?? revokeError,
    reload: React.useCallback(async () => {
      await mutate();
    }, [mutate]),
    revoke: React.useCallback(
      async (id: string) => {
        const { mutationFn } = sessionMutations.sessions.revoke(client);
        try {
          await mutationFn(id);
          setRevokeError(null);
          return true;
        } catch (error) {
          setRevokeError(asClientError(error));
          return false;
        } finally {
          await mutate();
        }
      },
      [client, mutate],
    ),
    canRevoke: (session) => !session.current,
  };
}

export interface UseOrgsSWRResult {
  state: DataState;
  /** The first page of the caller's orgs (up to 50), with their roles in each. */
  orgs: MyOrg[];
  error: ClientError | null;
  /** The session's active org id (null: none). */
  activeOrgId: string | null;
  reload(): Promise<void>;
}

/** The caller's orgs through SWR (the first page; `useOrgs` in the main entry pages on). */
export function useOrgs(): UseOrgsSWRResult {
  const client = useAuthClient();
  const session = useSession();
  const userId = session.data?.user?.id ?? null;
  const { queryKey, queryFn } = orgQueries.orgs.list(client, { userId });
  const swr = useSWR(session.status === 'loading' ? null : queryKey, () =>
    queryFn({ pageParam: null }),
  );
  const { mutate } = swr;
  const orgs = swr.data?.items ?? [];
  const error = asClientError(swr.error);
  return {
    state: dataState(swr.isLoading || session.status === 'loading', error, orgs.length),
    orgs,
    error,
    activeOrgId: session.data?.org?.id ?? null,
    reload: React.useCallback(async () => {
      await mutate();
    }, [mutate]),
  };
}

export interface UseKeysSWRResult {
  /** `forbidden` when signed out, or when the server answers 401/403 (no `keys:manage`). */
  state: DataState;
  /** The first page of keys (up to 50; `useKeys` in the main entry pages on). */
  keys: ApiKey[];
  error: ClientError | null;
  hasMore: boolean;
  reload(): Promise<void>;
  /** Issues a key: the secret is in the result only, never in SWR's cache. */
  create(input: IssueKeyInput): Promise<Result<IssuedApiKey>>;
  revoke(keyId: string, options?: { reason?: string }): Promise<Result<null>>;
  reroll(keyId: string, options?: { gracePeriodSeconds?: number }): Promise<Result<IssuedApiKey>>;
}

/**
 * The caller's API keys (or an org's, with `orgId`) through SWR; every write revalidates exactly
 * this list.
 */
export function useKeys(
  options: { orgId?: string | null; status?: KeyStatusFilter } = {},
): UseKeysSWRResult {
  const client = useAuthClient();
  const session = useSession();
  const userId = session.data?.user?.id ?? null;
  const owner = options.orgId ? { orgId: options.orgId } : ('me' as const);
  const { queryKey, queryFn } = keyQueries.keys.list(client, {
    userId,
    owner,
    status: options.status ?? 'all',
  });
  const swr = useSWR(session.status === 'authenticated' ? queryKey : null, () =>
    queryFn({ pageParam: null }),
  );
  const { mutate } = swr;
  const keys = swr.data?.items ?? [];
  const error = asClientError(swr.error);
  const write = React.useCallback(
    async <R>(run: () => Promise<R>): Promise<Result<R>> => {
      try {
        return { ok: true, data: await run() };
      } catch (caught) {
        return {
          ok: false,
          error: asClientError(caught) ?? {
            code: 'internal_error',
            status: 0,
            message: 'request failed',
          },
        };
      } finally {
        await mutate();
      }
    },
    [mutate],
  );
  const signedOut = session.status === 'unauthenticated';
  return {
    state: signedOut
      ? 'forbidden'
      : dataState(swr.isLoading || session.status === 'loading', error, keys.length),
    keys,
    error,
    hasMore: Boolean(swr.data?.nextCursor),
    reload: React.useCallback(async () => {
      await mutate();
    }, [mutate]),
    create: (input) => write(() => keyMutations.keys.create(client, owner).mutationFn(input)),
    revoke: (keyId, revokeOptions = {}) =>
      write(() => keyMutations.keys.revoke(client, owner).mutationFn({ keyId, ...revokeOptions })),
    reroll: (keyId, rerollOptions = {}) =>
      write(() => keyMutations.keys.reroll(client, owner).mutationFn({ keyId, ...rerollOptions })),
  };
}
