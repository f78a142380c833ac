'use client';
import type { ClientError, Session } from '@catalyst/authkit';
import { useMutation, useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { useAuthClient, useSession } from './hooks.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import { sessionMutations, sessionQueries } from './data/session-resources.js';

export interface UseSessionsResult {
  /** `loading`, `empty`, `error`, `ready`, or `forbidden` when not signed in. */
  state: DataState;
  sessions: Session[];
  /** The last failure: loading the list, or a revoke. */
  error: ClientError | null;
  reload(): Promise<void>;
  /** Revokes a session (signs that device out at once); the list reloads. */
  revoke(id: string): Promise<boolean>;
  /** Whether the caller may revoke this one: any session but the current. */
  canRevoke(session: Session): boolean;
  isRevoking(id: string): boolean;
}

/** The signed-in user's active sessions, most recently used first. */
export function useSessions(): UseSessionsResult {
  const client = useAuthClient();
  const session = useSession();
  const userId = session.data?.user?.id ?? null;
  const queryClient = useCatalystQueryClient();
  // Wait for the session: the list is keyed by user, so asking earlier would load it twice.
  const query = useQuery(
    { ...sessionQueries.sessions.list(client, { userId }), enabled: session.status !== 'loading' },
    queryClient,
  );
  const { invalidates, ...mutation } = sessionMutations.sessions.revoke(client);
  const revoking = useMutation(
    {
      ...mutation,
      onSettled: () =>
        Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
    },
    queryClient,
  );
  const sessions = query.data ?? [];
  const loadError = asClientError(query.error);
  const revokeError = asClientError(revoking.error);
  const { refetch } = query;
  const { mutateAsync } = revoking;
  const pendingId = revoking.isPending ? revoking.variables : undefined;
  return {
    state: dataState(query.isPending, loadError, sessions.length),
    sessions,
    error: loadError ?? revokeError,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    revoke: React.useCallback(
      (id: string) =>
        mutateAsync(id).then(
          () => true,
          () => false,
        ),
      [mutateAsync],
    ),
    canRevoke: (session) => !session.current,
    isRevoking: (id) => pendingId === id,
  };
}
