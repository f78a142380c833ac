'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import * as React from 'react';
import { asClientError, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction, usePagedList } from './data/use-resource.js';
import {
  webhookMutations,
  webhookQueries,
  type Webhook,
  type WebhookDelivery,
  type WebhookInput,
  type WebhookOwnerRef,
  type WebhookWithSecret,
} from './data/webhook-resources.js';
import { useAuthClient, useSession } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';

/**
 * Whose webhook endpoints: an org's id, `'platform'` for `/admin/webhooks`, `undefined` for the
 * session's active org, `null` for none.
 */
export type WebhookScope = string | null | undefined;

/** Whose endpoints a hook works on, and whether the caller may manage them. */
export interface WebhookAccess {
  /** Null without an org (none given, none active). */
  owner: WebhookOwnerRef | null;
  orgId: string | null;
  platform: boolean;
  userId: string | null;
  /**
   * An org's: holds `webhooks:manage` there (false until known). The platform's: signed in (only
   * the server knows platform roles: `support` may read, and its writes answer 403).
   */
  canManage: boolean;
  /** `none`: no org to manage; `open` still defers to the server (a 403 is forbidden). */
  gate: 'loading' | 'forbidden' | 'none' | 'open';
}

/** A stand-in owner for queries that stay disabled (no org). */
const NOWHERE: WebhookOwnerRef = { orgId: '' };

export function useWebhookAccess(scope: WebhookScope): WebhookAccess {
  const session = useSession();
  const platform = scope === 'platform';
  const org = platform
    ? null
    : scope === undefined
      ? (session.data?.org?.id ?? null)
      : scope || null;
  const permissions = useOrgPermissions(org);
  const signedIn = session.status === 'authenticated';
  const canManage = signedIn && (platform || (org !== null && permissions.can('webhooks:manage')));
  const denied =
    session.status === 'unauthenticated' || (org !== null && permissions.known && !canManage);
  const owner = React.useMemo<WebhookOwnerRef | null>(
    () => (platform ? 'platform' : org === null ? null : { orgId: org }),
    [platform, org],
  );
  return {
    owner,
    orgId: org,
    platform,
    userId: session.data?.user.id ?? null,
    canManage,
    gate:
      session.status === 'loading'
        ? 'loading'
        : denied
          ? 'forbidden'
          : owner === null
            ? 'none'
            : 'open',
  };
}

/** The state a webhook hook reports: its gate first (no org is `empty`), then the request's. */
export const webhookState = (access: WebhookAccess, loaded: DataState): DataState =>
  access.gate === 'open' ? loaded : access.gate === 'none' ? 'empty' : access.gate;

export const failed = (error: unknown): { ok: false; error: ClientError } => ({
  ok: false,
  error: asClientError(error) ?? { code: 'internal_error', status: 0, message: 'request failed' },
});

const noOwner = (): { ok: false; error: ClientError } => ({
  ok: false,
  error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
});

/**
 * A write that bypasses TanStack's mutation cache: the create and rotate answers hold the signing
 * secret (a cached mutation would keep it for minutes, readable by anything with the
 * QueryClient), and a test ping invalidates the deliveries of the one endpoint it was sent to.
 * The answer goes to the caller and nowhere else; the keys it makes stale are invalidated.
 */
export function useDirectWrite<V, R>(
  write: (variables: V) => Promise<R>,
  invalidates: (variables: V) => ReadonlyArray<readonly unknown[]>,
) {
  const queryClient = useCatalystQueryClient();
  const [inFlight, setInFlight] = React.useState<readonly V[]>([]);
  const latest = React.useRef({ write, invalidates });
  latest.current = { write, invalidates };
  const run = React.useCallback(
    async (variables: V): Promise<Result<R>> => {
      const { write: call, invalidates: stale } = latest.current;
      setInFlight((current) => [...current, variables]);
      try {
        return { ok: true, data: await call(variables) };
      } catch (error) {
        return failed(error);
      } finally {
        setInFlight((current) => current.filter((v) => v !== variables));
        await Promise.all(
          stale(variables).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
        );
      }
    },
    [queryClient],
  );
  return { run, inFlight };
}

export interface UseWebhooksResult {
  /** `forbidden` signed out, without `webhooks:manage`, or on a 403; `empty` without an org. */
  state: DataState;
  owner: WebhookOwnerRef | null;
  orgId: string | null;
  platform: boolean;
  /** The endpoints so far (never a secret). */
  webhooks: Webhook[];
  /** Loading failed (a write's failure is its result). */
  error: ClientError | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  reload(): Promise<void>;
  canManage: boolean;
  /** Registers an endpoint; the answer carries its signing secret, once. Nothing here keeps it. */
  create(input: WebhookInput): Promise<Result<WebhookWithSecret>>;
  creating: boolean;
  /** URL, description, events, ordering, or `enabled`. */
  update(webhookId: string, patch: Partial<WebhookInput>): Promise<Result<Webhook>>;
  isUpdating(webhookId: string): boolean;
  delete(webhookId: string): Promise<Result<null>>;
  isDeleting(webhookId: string): boolean;
  /**
   * A new secret (in the answer only). Until `previousSecretExpiresAt` every delivery carries
   * two signatures, the old secret's and the new one's (`overlapSeconds`, default the server's).
   */
  rotateSecret(
    webhookId: string,
    options?: { overlapSeconds?: number },
  ): Promise<Result<WebhookWithSecret>>;
  isRotating(webhookId: string): boolean;
  /** Queues a `webhook.test` ping for this endpoint alone. */
  test(webhookId: string): Promise<Result<WebhookDelivery>>;
  isTesting(webhookId: string): boolean;
}

/**
 * An org's webhook endpoints (`scope`: its id; default the active org) or the platform's
 * (`'platform'`): paged, with create, update, delete, rotate and test.
 */
export function useWebhooks(scope?: WebhookScope): UseWebhooksResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useWebhookAccess(scope);
  const owner = access.owner ?? NOWHERE;
  const list = usePagedList(
    webhookQueries.webhooks.list(client, { userId: access.userId, owner }),
    access.gate === 'open',
    queryClient,
  );
  const m = webhookMutations.webhooks;
  const updating = useAction(m.update(client, owner));
  const deleting = useAction(m.delete(client, owner));
  const creating = useDirectWrite(
    (input: WebhookInput) => m.create(client, owner).mutationFn(input),
    () => m.create(client, owner).invalidates,
  );
  const rotating = useDirectWrite(
    (input: { webhookId: string; overlapSeconds?: number }) =>
      m.rotateSecret(client, owner).mutationFn(input),
    () => m.rotateSecret(client, owner).invalidates,
  );
  const testing = useDirectWrite(
    (webhookId: string) => m.test(client, owner, webhookId).mutationFn(),
    (webhookId: string) => m.test(client, owner, webhookId).invalidates,
  );
  const has = access.owner !== null;
  const { run: runUpdate } = updating;
  const { run: runDelete } = deleting;
  const { run: runCreate } = creating;
  const { run: runRotate } = rotating;
  const { run: runTest } = testing;
  return {
    state: webhookState(access, list.state),
    owner: access.owner,
    orgId: access.orgId,
    platform: access.platform,
    webhooks: list.items,
    error: list.error,
    hasMore: list.hasMore,
    loadMore: list.loadMore,
    loadingMore: list.loadingMore,
    reload: list.reload,
    canManage: access.canManage,
    create: React.useCallback(
      async (input) => (has ? runCreate(input) : noOwner()),
      [has, runCreate],
    ),
    creating: creating.inFlight.length > 0,
    update: React.useCallback(
      async (webhookId, patch) => (has ? runUpdate({ webhookId, patch }) : noOwner()),
      [has, runUpdate],
    ),
    isUpdating: (webhookId) => updating.variables?.webhookId === webhookId,
    delete: React.useCallback(
      async (webhookId) => (has ? runDelete({ webhookId }) : noOwner()),
      [has, runDelete],
    ),
    isDeleting: (webhookId) => deleting.variables?.webhookId === webhookId,
    rotateSecret: React.useCallback(
      async (webhookId, options = {}) => (has ? runRotate({ webhookId, ...options }) : noOwner()),
      [has, runRotate],
    ),
    isRotating: (webhookId) => rotating.inFlight.some((v) => v.webhookId === webhookId),
    test: React.useCallback(
      async (webhookId) => (has ? runTest(webhookId) : noOwner()),
      [has, runTest],
    ),
    isTesting: (webhookId) => testing.inFlight.includes(webhookId),
  };
}
