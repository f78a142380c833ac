'use client';
import type { ClientError, MfaStatus, Passkey, Result } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { onSecondFactorsChanged } from './account-events.js';
import { accountMutations, accountQueries } from './data/account-resources.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient, useSession } from './hooks.js';
import { createPasskeyCredential, withPasskey } from './webauthn.js';

export interface UseMfaStatusResult {
  /** `forbidden` signed out; `empty` without a second factor; else the request's state. */
  state: DataState;
  status: MfaStatus | null;
  error: ClientError | null;
  reload(): Promise<void>;
}

/** Invalidates `keys` in the QueryClient the hooks use (after a write outside TanStack Query). */
export function useInvalidate(): (...keys: ReadonlyArray<readonly unknown[]>) => Promise<void> {
  const queryClient = useCatalystQueryClient();
  return React.useCallback(
    async (...keys) => {
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    [queryClient],
  );
}

/** The caller's second factors (`GET /me/mfa`); reloads when `<TotpSetup>` turns TOTP on. */
export function useMfaStatus(): UseMfaStatusResult {
  const client = useAuthClient();
  const session = useSession();
  const queryClient = useCatalystQueryClient();
  const userId = session.data?.user.id ?? null;
  const signedIn = session.status === 'authenticated';
  const query = useQuery(
    { ...accountQueries.mfa.status(client, { userId }), enabled: signedIn },
    queryClient,
  );
  const invalidate = useInvalidate();
  React.useEffect(
    () => onSecondFactorsChanged(() => void invalidate(accountQueries.mfa.all)),
    [invalidate],
  );
  const error = asClientError(query.error);
  const status = query.data ?? null;
  const { refetch } = query;
  return {
    state:
      session.status === 'unauthenticated'
        ? 'forbidden'
        : dataState(
            query.isPending,
            error,
            status && (status.totp.enabled || status.passkeys) ? 1 : 0,
          ),
    status,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
  };
}

export interface UsePasskeysResult {
  /** `loading`, `empty`, `error`, `ready`, or `forbidden` when not signed in. */
  state: DataState;
  passkeys: Passkey[];
  /** Loading failed (a write's failure is its result). */
  error: ClientError | null;
  reload(): Promise<void>;
  rename(id: string, name: string): Promise<Result<Passkey>>;
  isRenaming(id: string): boolean;
  /** May answer `step_up_required` (run it through `useStepUp`) or `last_sign_in_method`. */
  remove(id: string): Promise<Result<null>>;
  isRemoving(id: string): boolean;
}

/** The caller's passkeys (`GET /me/passkeys`), with rename and remove. */
export function usePasskeys(): UsePasskeysResult {
  const client = useAuthClient();
  const session = useSession();
  const queryClient = useCatalystQueryClient();
  const userId = session.data?.user.id ?? null;
  const query = useQuery(
    {
      ...accountQueries.passkeys.list(client, { userId }),
      enabled: session.status === 'authenticated',
    },
    queryClient,
  );
  const renaming = useAction(accountMutations.passkeys.rename(client));
  const removing = useAction(accountMutations.passkeys.remove(client));
  const error = asClientError(query.error);
  const passkeys = query.data ?? [];
  const { refetch } = query;
  const { run: runRename } = renaming;
  const { run: runRemove } = removing;
  return {
    state:
      session.status === 'unauthenticated'
        ? 'forbidden'
        : dataState(query.isPending, error, passkeys.length),
    passkeys,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    rename: React.useCallback((id, name) => runRename({ id, name }), [runRename]),
    isRenaming: (id) => renaming.variables?.id === id,
    remove: React.useCallback((id) => runRemove(id), [runRemove]),
    isRemoving: (id) => removing.variables === id,
  };
}

export interface UsePasskeySetupResult {
  state: 'idle' | 'pending' | 'error' | 'success';
  pending: boolean;
  error: ClientError | null;
  /** The passkey just added. */
  added: Passkey | null;
  /** The server's options, the browser's prompt, then `POST /me/passkeys`; the list reloads. */
  register(name?: string): Promise<Result<Passkey>>;
}

/** Registers a passkey for the signed-in user: the hook under `<PasskeySetup>`. */
export function usePasskeySetup(): UsePasskeySetupResult {
  const client = useAuthClient();
  const invalidate = useInvalidate();
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<ClientError | null>(null);
  const [added, setAdded] = React.useState<Passkey | null>(null);
  const register = React.useCallback(
    async (name?: string) => {
      setPending(true);
      setError(null);
      setAdded(null);
      const result = await withPasskey(
        () => client.passkeys.registrationOptions(),
        createPasskeyCredential,
        (response) => client.passkeys.register({ response, ...(name ? { name } : {}) }),
      );
      if (result.ok) {
        setAdded(result.data);
        await invalidate(accountQueries.passkeys.all, accountQueries.mfa.all);
      } else setError(result.error);
      setPending(false);
      return result;
    },
    [client, invalidate],
  );
  return {
    state: pending ? 'pending' : error ? 'error' : added ? 'success' : 'idle',
    pending,
    error,
    added,
    register,
  };
}
