'use client';
import type { AuthClient } from '@catalyst/authkit';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import * as React from 'react';
import { useAuthContext } from '../auth-context.js';
import { retryRequest } from './core.js';

const ownClients = new WeakMap<AuthClient, QueryClient>();

function ownClientFor(auth: AuthClient): QueryClient {
  let client = ownClients.get(auth);
  if (!client) {
    client = new QueryClient({
      defaultOptions: { queries: { staleTime: 30_000, retry: retryRequest } },
    });
    client.mount(); // refetch on focus and reconnect, as a QueryClientProvider would
    ownClients.set(auth, client);
  }
  return client;
}

/**
 * The QueryClient our data hooks use: the one given to `<AuthProvider queryClient>`, else the
 * nearest `<QueryClientProvider>`'s (so prefetched, hydrated data is found), else one bound to the
 * auth client. No provider is required.
 */
export function useCatalystQueryClient(): QueryClient {
  const { client, queryClient } = useAuthContext();
  const fromTree = React.useContext(QueryClientContext);
  return queryClient ?? fromTree ?? ownClientFor(client);
}
