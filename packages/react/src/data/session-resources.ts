import type { AuthClient, Session } from '@catalyst/authkit';
import { retryRequest, unwrap, type ResourceScope } from './core.js';

/** The session resources (`catalystQueries.sessions`, `catalystMutations.sessions`). */
export const sessionQueries = {
  sessions: {
    all: ['catalyst', 'sessions'] as const,
    list: (client: AuthClient, scope: ResourceScope = { userId: null }) => ({
      queryKey: ['catalyst', 'sessions', 'list', scope.userId] as const,
      queryFn: async (): Promise<Session[]> => unwrap(await client.listSessions()).sessions,
      retry: retryRequest,
    }),
  },
};

export const sessionMutations = {
  sessions: {
    revoke: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'sessions', 'revoke'] as const,
      mutationFn: async (sessionId: string): Promise<{ revoked: true }> =>
        unwrap(await client.revokeSession(sessionId)),
      invalidates: [sessionQueries.sessions.all],
    }),
  },
};
