'use client';
import type { AuthClient } from '@catalyst/authkit';
import type { QueryClient } from '@tanstack/react-query';
import * as React from 'react';
import type { Localization } from './localization.js';

/** What `<AuthProvider>` hands down. The QueryClient is only a type here: the sign-in path never loads TanStack Query. */
export interface AuthContextValue {
  client: AuthClient;
  localization: Localization;
  /** The app's QueryClient when it passed one; data hooks fall back to one of their own. */
  queryClient: QueryClient | undefined;
}

// Created on first use, not at import: React's server build has no createContext, and server
// components must be able to import this package.
let context: React.Context<AuthContextValue | null> | undefined;

export function authContext(): React.Context<AuthContextValue | null> {
  context ??= React.createContext<AuthContextValue | null>(null);
  return context;
}

export function useAuthContext(): AuthContextValue {
  const value = React.useContext(authContext());
  if (!value) throw new Error('Catalyst components need an <AuthProvider> above them');
  return value;
}
