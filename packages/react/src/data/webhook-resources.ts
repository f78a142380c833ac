import type { AuthClient, Result } from '@catalyst/authkit';
import { retryRequest, unwrap, type ResourceScope } from './core.js';
import { PAGE_SIZE, type PageOf } from './org-resources.js';

/** The client calls for one owner's webhook endpoints (`client.webhooks.org(id)` or `.admin`). */
export type WebhookEndpointsClient = ReturnType<AuthClient['webhooks']['org']>;
type DataOf<F> = F extends (...args: never[]) => Promise<Result<infer D>> ? D : never;

/** An endpoint as the API shows it: never its secret. */
export type Webhook = DataOf<WebhookEndpointsClient['get']>;
/** The create and rotate answers: the endpoint and its signing secret (`whsec_…`), once. */
export type WebhookWithSecret = DataOf<WebhookEndpointsClient['create']>;
export type WebhookDelivery = DataOf<WebhookEndpointsClient['test']>;
/** One delivery with every attempt (`attemptLog`). */
export type WebhookDeliveryDetail = DataOf<WebhookEndpointsClient['delivery']>;
export type WebhookAttempt = WebhookDeliveryDetail['attemptLog'][number];
export type WebhookInput = Parameters<WebhookEndpointsClient['create']>[0];
export type WebhookDeliveryStatus = WebhookDelivery['status'];
export interface WebhookReplayRange {
  since: string;
  until?: string;
  /** `failed` (default): dead deliveries in the range; `all`: every event again. */
  mode?: 'failed' | 'all';
}

/** Whose endpoints: the platform's (`/admin/webhooks`) or an org's (`/orgs/{orgId}/webhooks`). */
export type WebhookOwnerRef = 'platform' | { orgId: string };

/** Who asks about which owner's endpoints: query keys carry both. */
export interface WebhooksScope extends ResourceScope {
  owner: WebhookOwnerRef;
}

/** The owner's segment of a query key: `'platform'`, or the org's id. */
export const webhookOwnerKey = (owner: WebhookOwnerRef): string =>
  owner === 'platform' ? 'platform' : owner.orgId;

export const ownedWebhooks = (
  client: AuthClient,
  owner: WebhookOwnerRef,
): WebhookEndpointsClient =>
  owner === 'platform' ? client.webhooks.admin : client.webhooks.org(owner.orgId);

const base = (owner: WebhookOwnerRef) => ['catalyst', 'webhooks', webhookOwnerKey(owner)] as const;
/** Every cached list of one owner's endpoints. */
const listsOf = (owner: WebhookOwnerRef) => [...base(owner), 'list'] as const;
/** Every cached page of one endpoint's deliveries, whoever asked and whatever the filter. */
const deliveriesOf = (owner: WebhookOwnerRef, webhookId: string) =>
  [...base(owner), 'deliveries', webhookId] as const;
/** Every cached delivery detail of one endpoint. */
const detailsOf = (owner: WebhookOwnerRef, webhookId: string) =>
  [...base(owner), 'delivery', webhookId] as const;

/**
 * The webhook resources (`catalystQueries.webhooks`). Keys are
 * `['catalyst', 'webhooks', owner, 'list' | 'deliveries' | 'delivery', …]`, so a write
 * invalidates exactly the endpoint lists, or the one endpoint's deliveries, it changed.
 * Nothing here ever holds a signing secret: lists and details never carry one.
 */
export const webhookQueries = {
  webhooks: {
    all: ['catalyst', 'webhooks'] as const,
    owner: base,
    lists: listsOf,
    deliveriesOf,
    detailsOf,
    /** One owner's endpoints, paged (`infiniteQueryOptions` shape). */
    list: (client: AuthClient, scope: WebhooksScope) => ({
      queryKey: [...listsOf(scope.owner), scope.userId] as const,
      queryFn: async ({ pageParam }: { pageParam: string | null }): Promise<PageOf<Webhook>> => {
        const data = unwrap(
          await ownedWebhooks(client, scope.owner).list({
            limit: PAGE_SIZE,
            ...(pageParam ? { cursor: pageParam } : {}),
          }),
        );
        return { items: data.webhooks, nextCursor: data.nextCursor };
      },
      initialPageParam: null as string | null,
      getNextPageParam: (last: PageOf<Webhook>): string | null => last.nextCursor,
      retry: retryRequest,
    }),
    /** One endpoint's deliveries, newest first, optionally of one status; paged. */
    deliveries: (
      client: AuthClient,
      scope: WebhooksScope & { webhookId: string; status?: WebhookDeliveryStatus | null },
    ) => ({
      queryKey: [
        ...deliveriesOf(scope.owner, scope.webhookId),
        scope.userId,
        scope.status ?? 'all',
      ] as const,
      queryFn: async ({
        pageParam,
      }: {
        pageParam: string | null;
      }): Promise<PageOf<WebhookDelivery>> => {
        const data = unwrap(
          await ownedWebhooks(client, scope.owner).deliveries(scope.webhookId, {
            limit: PAGE_SIZE,
            ...(pageParam ? { cursor: pageParam } : {}),
            ...(scope.status ? { status: scope.status } : {}),
          }),
        );
        return { items: data.deliveries, nextCursor: data.nextCursor };
      },
      initialPageParam: null as string | null,
      getNextPageParam: (last: PageOf<WebhookDelivery>): string | null => last.nextCursor,
      retry: retryRequest,
    }),
    /** One delivery with its attempts (status code, duration, response excerpt, error). */
    delivery: (
      client: AuthClient,
      scope: WebhooksScope & { webhookId: string; deliveryId: string },
    ) => ({
      queryKey: [
        ...detailsOf(scope.owner, scope.webhookId),
        scope.deliveryId,
        scope.userId,
      ] as const,
      queryFn: async (): Promise<WebhookDeliveryDetail> =>
        unwrap(
          await ownedWebhooks(client, scope.owner).delivery(scope.webhookId, scope.deliveryId),
        ),
      retry: retryRequest,
    }),
  },
};

type Patch = Partial<WebhookInput>;

/**
 * The webhook writes (`catalystMutations.webhooks`), each bound to one owner and invalidating only
 * what it changed. `create` and `rotateSecret` answer with the signing secret: keep it out of any
 * cache (our hooks call `mutationFn` themselves and hand the secret to the caller only).
 */
export const webhookMutations = {
  webhooks: {
    create: (client: AuthClient, owner: WebhookOwnerRef) => ({
      mutationKey: [...base(owner), 'create'] as const,
      mutationFn: async (input: WebhookInput): Promise<WebhookWithSecret> =>
        unwrap(await ownedWebhooks(client, owner).create(input)),
      invalidates: [listsOf(owner)],
    }),
    /** URL, description, events, ordering, or enable/disable. */
    update: (client: AuthClient, owner: WebhookOwnerRef) => ({
      mutationKey: [...base(owner), 'update'] as const,
      mutationFn: async (input: { webhookId: string; patch: Patch }): Promise<Webhook> =>
        unwrap(await ownedWebhooks(client, owner).update(input.webhookId, input.patch)),
      invalidates: [listsOf(owner)],
    }),
    /** Deletes the endpoint and its delivery history. */
    delete: (client: AuthClient, owner: WebhookOwnerRef) => ({
      mutationKey: [...base(owner), 'delete'] as const,
      mutationFn: async (input: { webhookId: string }): Promise<null> =>
        unwrap(await ownedWebhooks(client, owner).delete(input.webhookId)),
      invalidates: [listsOf(owner)],
    }),
    /** A new secret (in the answer only); the old one adds a second signature for the overlap. */
    rotateSecret: (client: AuthClient, owner: WebhookOwnerRef) => ({
      mutationKey: [...base(owner), 'rotate-secret'] as const,
      mutationFn: async (input: {
        webhookId: string;
        overlapSeconds?: number;
      }): Promise<WebhookWithSecret> =>
        unwrap(
          await ownedWebhooks(client, owner).rotateSecret(
            input.webhookId,
            input.overlapSeconds === undefined ? {} : { overlapSeconds: input.overlapSeconds },
          ),
        ),
      invalidates: [listsOf(owner)],
    }),
    /** Queues a `webhook.test` ping: that endpoint's deliveries change. */
    test: (client: AuthClient, owner: WebhookOwnerRef, webhookId: string) => ({
      mutationKey: [...base(owner), 'test', webhookId] as const,
      mutationFn: async (): Promise<WebhookDelivery> =>
        unwrap(await ownedWebhooks(client, owner).test(webhookId)),
      invalidates: [deliveriesOf(owner, webhookId)],
    }),
    /** Sends one delivery again now (a dead one restarts its retry schedule). */
    retry: (client: AuthClient, owner: WebhookOwnerRef, webhookId: string) => ({
      mutationKey: [...base(owner), 'retry', webhookId] as const,
      mutationFn: async (input: { deliveryId: string }): Promise<WebhookDelivery> =>
        unwrap(await ownedWebhooks(client, owner).retry(webhookId, input.deliveryId)),
      invalidates: [deliveriesOf(owner, webhookId), detailsOf(owner, webhookId)],
    }),
    /** Re-queues a time range: dead deliveries (`failed`) or every event again (`all`). */
    replay: (client: AuthClient, owner: WebhookOwnerRef, webhookId: string) => ({
      mutationKey: [...base(owner), 'replay', webhookId] as const,
      mutationFn: async (range: WebhookReplayRange): Promise<{ queued: number }> =>
        unwrap(await ownedWebhooks(client, owner).replay(webhookId, range)),
      invalidates: [deliveriesOf(owner, webhookId), detailsOf(owner, webhookId)],
    }),
  },
};
