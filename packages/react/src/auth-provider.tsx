'use client';
import { createAuthClient, type AuthClient, type SessionPayload } from '@catalyst/authkit';
import * as React from 'react';
import { authContext } from './auth-context.js';

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
  children?: React.ReactNode;
}

export function AuthProvider({
  initialSession,
  client,
  baseUrl,
  basePath,
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
  const Context = authContext();
  return <Context.Provider value={auth}>{children}</Context.Provider>;
}
