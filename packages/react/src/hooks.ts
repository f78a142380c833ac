'use client';
import type { AuthClient, SessionSnapshot, User } from '@catalyst/authkit';
import * as React from 'react';
import { authContext } from './auth-context.js';

/** The client from the nearest `<AuthProvider>`. */
export function useAuthClient(): AuthClient {
  const value = React.useContext(authContext());
  if (!value) throw new Error('useAuthClient: wrap your tree in <AuthProvider>');
  return value.client;
}

/** `{ status: 'loading' | 'authenticated' | 'unauthenticated', data }`, re-rendering on change. */
export function useSession(): SessionSnapshot {
  const { session } = useAuthClient();
  return React.useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
}

/** The signed-in user, or null (also while loading). */
export function useUser(): User | null {
  return useSession().data?.user ?? null;
}
