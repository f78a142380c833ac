import type { AuthClient, MfaStatus, Passkey } from '@catalyst/authkit';
import { retryRequest, unwrap, type ResourceScope } from './core.js';

/**
 * The caller's second factors (`catalystQueries.mfa`, `catalystQueries.passkeys`). Recovery
 * codes and TOTP secrets are never cached: the writes that return them are not defined here.
 */
export const accountQueries = {
  mfa: {
    all: ['catalyst', 'mfa'] as const,
    status: (client: AuthClient, scope: ResourceScope = { userId: null }) => ({
      queryKey: ['catalyst', 'mfa', 'status', scope.userId] as const,
      queryFn: async (): Promise<MfaStatus> => unwrap(await client.mfa.status()),
      retry: retryRequest,
    }),
  },
  passkeys: {
    all: ['catalyst', 'passkeys'] as const,
    list: (client: AuthClient, scope: ResourceScope = { userId: null }) => ({
      queryKey: ['catalyst', 'passkeys', 'list', scope.userId] as const,
      queryFn: async (): Promise<Passkey[]> => unwrap(await client.passkeys.list()).passkeys,
      retry: retryRequest,
    }),
  },
};

/** Writes on the caller's passkeys and factors, and the keys each makes stale. */
export const accountMutations = {
  passkeys: {
    rename: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'passkeys', 'rename'] as const,
      mutationFn: async ({ id, name }: { id: string; name: string }): Promise<Passkey> =>
        unwrap(await client.passkeys.rename(id, name)),
      invalidates: [accountQueries.passkeys.all],
    }),
    /** Needs a recent sign-in (`step_up_required`); the last way in stays (`last_sign_in_method`). */
    remove: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'passkeys', 'remove'] as const,
      mutationFn: async (id: string): Promise<null> => unwrap(await client.passkeys.remove(id)),
      invalidates: [accountQueries.passkeys.all, accountQueries.mfa.all],
    }),
  },
  mfa: {
    /** Needs a recent sign-in (`step_up_required`). */
    disableTotp: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'mfa', 'disable-totp'] as const,
      mutationFn: async (): Promise<null> => unwrap(await client.mfa.disableTotp()),
      invalidates: [accountQueries.mfa.all],
    }),
  },
};
