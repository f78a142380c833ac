'use client';
import {
  createSsoClient,
  type ClientError,
  type IdentityView,
  type Result,
  type SsoClient,
  type SsoProvider,
} from '@catalyst/authkit';
import { useMutation, useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, dataState, retryRequest, unwrap, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAuthClient, useSession } from './hooks.js';

/** What `useConnectedAccounts` uses of `createSsoClient(…)`. */
export type ConnectedAccountsSso = Pick<SsoClient, 'providers' | 'identities'>;

/** The query keys and fetchers of the caller's linked identities and the instance's providers. */
export const identityQueries = {
  all: ['catalyst', 'identities'] as const,
  list: (sso: ConnectedAccountsSso, userId: string | null) => ({
    queryKey: ['catalyst', 'identities', 'list', userId] as const,
    queryFn: async (): Promise<IdentityView[]> => unwrap(await sso.identities.list()).identities,
    retry: retryRequest,
  }),
  providers: (sso: ConnectedAccountsSso) => ({
    queryKey: ['catalyst', 'sso', 'providers'] as const,
    queryFn: async (): Promise<SsoProvider[]> => unwrap(await sso.providers()).providers,
    retry: retryRequest,
  }),
};

export interface UseConnectedAccountsOptions {
  /** Default: `createSsoClient` over the provider's client. */
  sso?: ConnectedAccountsSso;
  /** Where the provider sends the browser back to after linking; default: this page. */
  returnTo?: string;
  /** Called with the provider's URL instead of navigating there (`window.location.assign`). */
  onRedirect?: (url: string) => void;
}

export interface UseConnectedAccountsResult {
  /** `loading`, `empty` (nothing linked), `error`, `ready`, or `forbidden` when not signed in. */
  state: DataState;
  identities: IdentityView[];
  /** The instance's providers this account has not linked yet. */
  available: SsoProvider[];
  /** Loading failed (the list or the providers). */
  error: ClientError | null;
  /** Asks the server for the provider's URL, then goes there; resolves with the failure, if any. */
  link(connectionId: string): Promise<Result<{ url: string }>>;
  /** Which provider is being linked (until the browser leaves). */
  linking: string | null;
  /** Refused with `last_sign_in_method` when it is the only way left to sign in. */
  unlink(identityId: string): Promise<Result<null>>;
  isUnlinking(identityId: string): boolean;
}

/** The signed-in user's identities at upstream providers, and the providers left to link. */
export function useConnectedAccounts(
  options: UseConnectedAccountsOptions = {},
): UseConnectedAccountsResult {
  const client = useAuthClient();
  const session = useSession();
  const queryClient = useCatalystQueryClient();
  const own = React.useMemo(() => createSsoClient(client), [client]);
  const sso = options.sso ?? own;
  const userId = session.data?.user?.id ?? null;
  const enabled = session.status !== 'loading';
  const list = useQuery({ ...identityQueries.list(sso, userId), enabled }, queryClient);
  const providers = useQuery({ ...identityQueries.providers(sso), enabled }, queryClient);
  const unlinking = useMutation(
    {
      mutationFn: async (id: string) => unwrap(await sso.identities.unlink(id)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: identityQueries.all }),
    },
    queryClient,
  );
  const [linking, setLinking] = React.useState<string | null>(null);
  const identities = list.data ?? [];
  const error = asClientError(list.error) ?? asClientError(providers.error);
  const { returnTo, onRedirect } = options;
  const { mutateAsync } = unlinking;
  return {
    state: dataState(list.isPending || providers.isPending, error, identities.length),
    identities,
    available: (providers.data ?? []).filter(
      (provider) => !identities.some((identity) => identity.connectionId === provider.id),
    ),
    error,
    linking,
    link: React.useCallback(
      async (connectionId: string) => {
        setLinking(connectionId);
        const result = await sso.identities.link(connectionId, {
          returnTo: returnTo ?? window.location.href,
        });
        if (!result.ok) {
          setLinking(null);
          return result;
        }
        if (onRedirect) {
          setLinking(null);
          onRedirect(result.data.url);
        } else window.location.assign(result.data.url);
        return result;
      },
      [sso, returnTo, onRedirect],
    ),
    unlink: React.useCallback(
      (id: string) =>
        mutateAsync(id).then(
          (): Result<null> => ({ ok: true, data: null }),
          (failure: unknown) => ({ ok: false, error: asClientError(failure)! }),
        ),
      [mutateAsync],
    ),
    isUnlinking: (id) => unlinking.isPending && unlinking.variables === id,
  };
}
