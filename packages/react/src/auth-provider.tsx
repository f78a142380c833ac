'use client';
import { createAuthClient, type AuthClient, type SessionPayload } from '@catalyst/authkit';
import type { QueryClient } from '@tanstack/react-query';
import * as React from 'react';
import { authContext, type AuthContextValue } from './auth-context.js';
import type { Localization } from './localization.js';

export interface AuthProviderProps {
  /**
   * The session as the server saw it (`null` when signed out). Pass it from a server component
   * and the first render already knows who is signed in: no signed-out flash.
   * Omit it and the provider asks the server on mount.
   */
  initialSession?: SessionPayload | null;
  /** A client you built yourself; otherwise one is made for `baseUrl`/`basePath`. */
  client?: AuthClient;
  baseUrl?: string;
  basePath?: string;
  /** Words for every component (see `Localization`); anything left out keeps its default. */
  localization?: Localization;
  /**
   * Your TanStack Query client, if the app has one. Otherwise data hooks use the nearest
   * `<QueryClientProvider>`, else a client of their own bound to this auth client.
   */
  queryClient?: QueryClient;
  children?: React.ReactNode;
}

const NO_WORDS: Localization = {};

export function AuthProvider({
  initialSession,
  client,
  baseUrl,
  basePath,
  localization = NO_WORDS,
  queryClient,
  children,
}: AuthProviderProps) {
  const [auth] = React.useState<AuthClient>(
    () =>
      client ??
      createAuthClient({
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(basePath === undefined ? {} : { basePath }),
        ...(initialSession === undefined ? {} : { initialSession }),
      }),
  );
  React.useEffect(() => {
    if (auth.session.getSnapshot().status === 'loading') void auth.getSession();
  }, [auth]);
  const value = React.useMemo<AuthContextValue>(
    () => ({ client: auth, localization, queryClient }),
    [auth, localization, queryClient],
  );
  const Context = authContext();
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
