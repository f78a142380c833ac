'use client';
import type { ClientError, Session } from '@catalyst/authkit';
import * as React from 'react';
import useSWR from 'swr';
import {
  asClientError,
  catalystMutations,
  catalystQueries,
  dataState,
  type DataState,
} from './data/resources.js';
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
  const { queryKey, queryFn } = catalystQueries.sessions.list(client, { userId });
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
        const { mutationFn } = catalystMutations.sessions.revoke(client);
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
