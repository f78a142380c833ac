import type {
  ApiKey,
  AuthClient,
  IssuedApiKey,
  IssueKeyInput,
  OwnedKeysClient,
  ScopeOption,
} from '@catalyst/authkit';
import { retryRequest, unwrap, type ResourceScope } from './core.js';
import { PAGE_SIZE, type PageOf } from './org-resources.js';

/** Whose keys: the caller's own (`'me'`, `/me/keys`) or an org's (its id, `/orgs/{orgId}/keys`). */
export type KeyOwnerRef = 'me' | { orgId: string };

/** Who asks about which owner's keys: query keys carry both. */
export interface KeysScope extends ResourceScope {
  owner: KeyOwnerRef;
}

/** Which keys a list shows: not revoked, revoked, or every key (the server's default). */
export type KeyStatusFilter = 'active' | 'revoked' | 'all';

/** The owner's segment of a query key: `'me'`, or the org's id. */
export const keyOwnerKey = (owner: KeyOwnerRef): string => (owner === 'me' ? 'me' : owner.orgId);

/** The client calls for one owner's keys. */
export const ownedKeys = (client: AuthClient, owner: KeyOwnerRef): OwnedKeysClient =>
  owner === 'me' ? client.keys : client.keys.org(owner.orgId);

/** Every list of one owner's keys, whoever asked and whatever the status filter. */
const listsOf = (owner: KeyOwnerRef) => ['catalyst', 'keys', keyOwnerKey(owner), 'list'] as const;

/**
 * The API-key resources (`catalystQueries.keys`). Keys are `['catalyst', 'keys', owner, …]`, so
 * a write invalidates exactly the lists of the owner it changed.
 */
export const keyQueries = {
  keys: {
    all: ['catalyst', 'keys'] as const,
    /** Everything cached about one owner's keys. */
    owner: (owner: KeyOwnerRef) => ['catalyst', 'keys', keyOwnerKey(owner)] as const,
    /** Every cached list of one owner's keys (what the writes invalidate). */
    lists: listsOf,
    /** One owner's keys, paged (`infiniteQueryOptions` shape): never a secret, only `start`. */
    list: (client: AuthClient, scope: KeysScope & { status?: KeyStatusFilter }) => {
      const status = scope.status ?? 'all';
      return {
        queryKey: [...listsOf(scope.owner), scope.userId, status] as const,
        queryFn: async ({ pageParam }: { pageParam: string | null }): Promise<PageOf<ApiKey>> => {
          const data = unwrap(
            await ownedKeys(client, scope.owner).list({
              status,
              limit: PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            }),
          );
          return { items: data.keys, nextCursor: data.nextCursor };
        },
        initialPageParam: null as string | null,
        getNextPageParam: (last: PageOf<ApiKey>): string | null => last.nextCursor,
        retry: retryRequest,
      };
    },
    /** The scopes a key of this owner may carry, each marked with whether the caller holds it. */
    scopes: (client: AuthClient, scope: KeysScope) => ({
      queryKey: ['catalyst', 'keys', keyOwnerKey(scope.owner), 'scopes', scope.userId] as const,
      queryFn: async (): Promise<ScopeOption[]> =>
        unwrap(await ownedKeys(client, scope.owner).scopes()).scopes,
      retry: retryRequest,
    }),
  },
};

/**
 * The API-key writes (`catalystMutations.keys`), each bound to one owner and invalidating only
 * that owner's lists. `create` and `reroll` answer with the secret: keep it out of any cache
 * (our hooks call `mutationFn` themselves and hold the secret in component state only).
 */
export const keyMutations = {
  keys: {
    create: (client: AuthClient, owner: KeyOwnerRef) => ({
      mutationKey: ['catalyst', 'keys', keyOwnerKey(owner), 'create'] as const,
      mutationFn: async (input: IssueKeyInput): Promise<IssuedApiKey> =>
        unwrap(await ownedKeys(client, owner).create(input)),
      invalidates: [listsOf(owner)],
    }),
    /** Rename, relabel, or narrow the scopes (they never widen). */
    update: (client: AuthClient, owner: KeyOwnerRef) => ({
      mutationKey: ['catalyst', 'keys', keyOwnerKey(owner), 'update'] as const,
      mutationFn: async (input: {
        keyId: string;
        patch: { name?: string; scopes?: string[]; labels?: string[] };
      }): Promise<ApiKey> =>
        unwrap(await ownedKeys(client, owner).update(input.keyId, input.patch)),
      invalidates: [listsOf(owner)],
    }),
    revoke: (client: AuthClient, owner: KeyOwnerRef) => ({
      mutationKey: ['catalyst', 'keys', keyOwnerKey(owner), 'revoke'] as const,
      mutationFn: async (input: { keyId: string; reason?: string }): Promise<null> =>
        unwrap(
          await ownedKeys(client, owner).revoke(
            input.keyId,
            input.reason ? { reason: input.reason } : {},
          ),
        ),
      invalidates: [listsOf(owner)],
    }),
    /** A new secret (in the answer only); the old one works for `gracePeriodSeconds`. */
    reroll: (client: AuthClient, owner: KeyOwnerRef) => ({
      mutationKey: ['catalyst', 'keys', keyOwnerKey(owner), 'reroll'] as const,
      mutationFn: async (input: {
        keyId: string;
        gracePeriodSeconds?: number;
      }): Promise<IssuedApiKey> =>
        unwrap(
          await ownedKeys(client, owner).reroll(
            input.keyId,
            input.gracePeriodSeconds === undefined
              ? {}
              : { gracePeriodSeconds: input.gracePeriodSeconds },
          ),
        ),
      invalidates: [listsOf(owner)],
    }),
  },
};
