'use client';
import type {
  ApiKey,
  ClientError,
  IssuedApiKey,
  IssueKeyInput,
  Result,
  ScopeOption,
} from '@catalyst/authkit';
import * as React from 'react';
import { asClientError, type DataState } from './data/core.js';
import {
  keyMutations,
  keyOwnerKey,
  keyQueries,
  type KeyOwnerRef,
  type KeyStatusFilter,
} from './data/key-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction, usePagedList } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { keyState, useKeyAccess, useKeyScopes } from './use-key-scopes.js';

export interface UseKeysOptions {
  /** An org's keys (needs `keys:manage` there); default: the caller's own keys. */
  orgId?: string | null;
  /** Which keys to list; default `all` (revoked ones stay listed, with their reason). */
  status?: KeyStatusFilter;
}

export interface UseKeysResult {
  /** `forbidden` when signed out, without `keys:manage` in the org, or when the server says 403. */
  state: DataState;
  owner: KeyOwnerRef;
  orgId: string | null;
  status: KeyStatusFilter;
  /** The keys so far (never a secret: `start` tells them apart). */
  keys: ApiKey[];
  /** Loading failed (a write's failure is its result). */
  error: ClientError | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  reload(): Promise<void>;
  /** Whether the caller may issue, change, roll and revoke these keys. */
  canManage: boolean;
  /** Issues a key; the answer carries its secret, once. Nothing here keeps it. */
  create(input: IssueKeyInput): Promise<Result<IssuedApiKey>>;
  creating: boolean;
  /** Rename, relabel, or narrow the scopes. */
  update(
    keyId: string,
    patch: { name?: string; scopes?: string[]; labels?: string[] },
  ): Promise<Result<ApiKey>>;
  isUpdating(keyId: string): boolean;
  revoke(keyId: string, options?: { reason?: string }): Promise<Result<null>>;
  isRevoking(keyId: string): boolean;
  /** A new secret (in the answer only); the old one works for `gracePeriodSeconds` (default 1 h). */
  reroll(keyId: string, options?: { gracePeriodSeconds?: number }): Promise<Result<IssuedApiKey>>;
  isRerolling(keyId: string): boolean;
}

const failed = (error: unknown): { ok: false; error: ClientError } => ({
  ok: false,
  error: asClientError(error) ?? { code: 'internal_error', status: 0, message: 'request failed' },
});

/**
 * A write whose answer holds a secret. It bypasses TanStack's mutation cache (which would keep
 * the answer for minutes, readable by anything with the QueryClient): the secret goes to the
 * caller and nowhere else. The owner's lists are invalidated all the same.
 */
function useSecretWrite<V>(
  make: () => {
    mutationFn: (variables: V) => Promise<IssuedApiKey>;
    invalidates: ReadonlyArray<readonly unknown[]>;
  },
  deps: React.DependencyList,
) {
  const queryClient = useCatalystQueryClient();
  const [inFlight, setInFlight] = React.useState<readonly V[]>([]);
  // `make` is rebuilt from `deps` only (the client and the owner).
  const definition = React.useMemo(make, deps);
  const run = React.useCallback(
    async (variables: V): Promise<Result<IssuedApiKey>> => {
      setInFlight((current) => [...current, variables]);
      try {
        return { ok: true, data: await definition.mutationFn(variables) };
      } catch (error) {
        return failed(error);
      } finally {
        setInFlight((current) => current.filter((v) => v !== variables));
        await Promise.all(
          definition.invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
        );
      }
    },
    [definition, queryClient],
  );
  return { run, inFlight };
}

/** The caller's API keys, or an org's (`orgId`): paged, with issue, update, revoke and reroll. */
export function useKeys(options: UseKeysOptions = {}): UseKeysResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useKeyAccess(options.orgId);
  const { owner, userId } = access;
  const status = options.status ?? 'all';
  const list = usePagedList(
    keyQueries.keys.list(client, { userId, owner, status }),
    access.gate === 'open',
    queryClient,
  );
  const ownerKey = keyOwnerKey(owner);
  const updating = useAction(keyMutations.keys.update(client, owner));
  const revoking = useAction(keyMutations.keys.revoke(client, owner));
  const creating = useSecretWrite(
    () => keyMutations.keys.create(client, owner),
    [client, ownerKey],
  );
  const rerolling = useSecretWrite(
    () => keyMutations.keys.reroll(client, owner),
    [client, ownerKey],
  );
  const { run: runUpdate } = updating;
  const { run: runRevoke } = revoking;
  const { run: runReroll } = rerolling;
  return {
    state: keyState(access, list.state),
    owner,
    orgId: access.orgId,
    status,
    keys: list.items,
    error: list.error,
    hasMore: list.hasMore,
    loadMore: list.loadMore,
    loadingMore: list.loadingMore,
    reload: list.reload,
    canManage: access.canManage,
    create: creating.run,
    creating: creating.inFlight.length > 0,
    update: React.useCallback((keyId, patch) => runUpdate({ keyId, patch }), [runUpdate]),
    isUpdating: (keyId) => updating.variables?.keyId === keyId,
    revoke: React.useCallback(
      (keyId, options = {}) =>
        runRevoke(options.reason ? { keyId, reason: options.reason } : { keyId }),
      [runRevoke],
    ),
    isRevoking: (keyId) => revoking.variables?.keyId === keyId,
    reroll: React.useCallback(
      (keyId, options = {}) => runReroll({ keyId, ...options }),
      [runReroll],
    ),
    isRerolling: (keyId) => rerolling.inFlight.some((v) => v.keyId === keyId),
  };
}

export interface UseCreateApiKeyResult {
  /** `loading`, `forbidden` (signed out, or no `keys:manage` in the org), else `ready`. */
  state: DataState;
  orgId: string | null;
  canManage: boolean;
  /** The scopes the caller holds: the only ones a new key may carry. */
  scopes: ScopeOption[];
  /** The scopes' own state (`error` when they could not be loaded). */
  scopesState: DataState;
  scopesError: ClientError | null;
  create(input: IssueKeyInput): Promise<Result<IssuedApiKey>>;
  creating: boolean;
  /** The last attempt's failure (with `field` when the server names one). */
  error: ClientError | null;
  /** The key just issued, with its secret, until `dismiss()`: component state only. */
  issued: IssuedApiKey | null;
  dismiss(): void;
}

/**
 * Issuing one key: the scopes the caller may grant, the request, and the issued secret, held in
 * this hook's state only (never a query cache, never storage) until `dismiss()` or unmount.
 */
export function useCreateApiKey(options: { orgId?: string | null } = {}): UseCreateApiKeyResult {
  const client = useAuthClient();
  const access = useKeyAccess(options.orgId);
  const scopes = useKeyScopes(options);
  const ownerKey = keyOwnerKey(access.owner);
  const owner = access.owner;
  const writer = useSecretWrite(() => keyMutations.keys.create(client, owner), [client, ownerKey]);
  const [issued, setIssued] = React.useState<IssuedApiKey | null>(null);
  const [error, setError] = React.useState<ClientError | null>(null);
  // A different owner: forget what was issued for the last one.
  React.useEffect(() => {
    setIssued(null);
    setError(null);
  }, [ownerKey]);
  const { run } = writer;
  // Open but not yet allowed: the org's permissions are still loading (or the server says 403).
  const open = scopes.state === 'forbidden' ? 'forbidden' : access.canManage ? 'ready' : 'loading';
  return {
    state: keyState(access, open),
    orgId: access.orgId,
    canManage: access.canManage,
    scopes: scopes.held,
    scopesState: scopes.state,
    scopesError: scopes.error,
    create: React.useCallback(
      async (input) => {
        setError(null);
        setIssued(null);
        const result = await run(input);
        if (result.ok) setIssued(result.data);
        else setError(result.error);
        return result;
      },
      [run],
    ),
    creating: writer.inFlight.length > 0,
    error,
    issued,
    dismiss: React.useCallback(() => setIssued(null), []),
  };
}
