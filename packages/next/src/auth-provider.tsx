import { AuthProvider as ClientAuthProvider, type AuthProviderProps } from '@catalyst/react';
import { auth } from './server-helpers.js';

/**
 * Server component for the root layout: reads the session on the server and hands it to the client
 * provider, so the first paint already knows who is signed in.
 */
export async function AuthProvider({
  children,
  ...props
}: Omit<AuthProviderProps, 'initialSession'>) {
  const state = await auth();
  const initialSession = state
    ? {
        user: state.user,
        session: state.session,
        org: state.org,
        // The admin UI and the impersonation banner need these on the first paint too.
        platformRoles: state.platformRoles ?? [],
        impersonator: state.impersonator ?? null,
      }
    : null;
  return (
    <ClientAuthProvider {...props} initialSession={initialSession}>
      {children}
    </ClientAuthProvider>
  );
}
