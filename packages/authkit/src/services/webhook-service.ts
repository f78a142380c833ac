import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { PlatformAccess } from '../domain/platform-roles.js';
import { requirePlatform, type PlatformRolesOf } from './platform-access.js';
import {
  isEventFilter,
  WEBHOOK_TEST_EVENT,
  type DeliveryStatus,
  type WebhookInput,
} from '../domain/webhooks.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import type { WebhookOwner, WebhookPatch } from '../ports/webhook-store.js';
import type { ProxyTrust } from '../server/client-address.js';
import type { SecretBox } from '../tokens/secret-box.js';
import { newWebhookSecret } from '../tokens/webhook-signature.js';
import { recordEvent } from './event-recorder.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';
import { attemptView, deliveryView, webhookView } from './webhook-views.js';
import { parseWebhookUrl, resolveWebhookTarget, type HostLookup } from './webhook-target.js';

export type { WebhookInput };

export interface WebhookServiceOptions {
  allowed: ProxyTrust;
  lookup: HostLookup;
  maxPerOwner: number;
  overlapSeconds: number;
  /** Platform webhooks: the caller's platform roles. */
  rolesOf: PlatformRolesOf;
  /** Called after a commit that queued deliveries, so an in-process worker starts at once. */
  onQueued?: () => void;
}

type Work<T> = (tx: StorePort, audit: Audit) => Promise<T>;
type Audit = (action: string, id: string, data?: Record<string, unknown>) => Promise<void>;

/**
 * Webhook endpoints of an org (`webhooks:manage`) or of the platform (`admin` writes, `support`
 * reads). Secrets are sealed under the root secret and shown once, on create and rotate.
 */
export class WebhookService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly mutations: OrgMutations,
    private readonly box: SecretBox,
    private readonly options: WebhookServiceOptions,
  ) {}

  private async platform(actorId: string, access: PlatformAccess): Promise<void> {
    await requirePlatform(this.options.rolesOf, actorId, access);
  }

  private async read<T>(owner: WebhookOwner, actorId: string, fn: () => Promise<T>): Promise<T> {
    if (owner === null) {
      await this.platform(actorId, 'read');
      return fn();
    }
    return this.mutations.read(owner, actorId, 'webhooks:manage', fn);
  }

  private async write<T>(
    owner: WebhookOwner,
    actorId: string,
    context: RequestContext,
    fn: Work<T>,
  ): Promise<T> {
    if (owner !== null) {
      return this.mutations.write(owner, actorId, 'webhooks:manage', context, (work) =>
        fn(work.tx, (action, id, data) => work.audit(action, ['webhook', id], data)),
      );
    }
    await this.platform(actorId, 'write');
    return this.store.transaction((tx) =>
      fn(tx, (action, id, data = {}) =>
        recordEvent(tx, this.clock, {
          action,
          actorType: 'user',
          actorId,
          targetType: 'webhook',
          targetId: id,
          context,
          data,
        }),
      ),
    );
  }

  /** URL shape and every address it resolves to, checked before anything is written. */
  private async checkTarget(raw: string): Promise<string> {
    const url = parseWebhookUrl(raw);
    await resolveWebhookTarget(url, this.options.lookup, this.options.allowed);
    return url.toString();
  }

  private checkEvents(events: string[]): string[] {
    const unknown = events.find((e) => !isEventFilter(e));
    if (unknown !== undefined) {
      throw new AuthkitError('unknown_event', `unknown event type or filter: ${unknown}`, {
        field: 'events',
      });
    }
    return [...new Set(events)];
  }

  private async found<T>(value: T | null): Promise<T> {
    if (value === null)
      throw new AuthkitError('not_found', 'no such webhook', { field: 'webhookId' });
    return value;
  }

  list(owner: WebhookOwner, actorId: string, page: { cursor?: string; limit?: number }) {
    return this.read(owner, actorId, async () => {
      const limit = page.limit ?? 50;
      const rows = await this.store.webhooks.list(owner, { after: page.cursor, limit: limit + 1 });
      const more = rows.length > limit;
      const shown = rows.slice(0, limit);
      return {
        webhooks: shown.map(webhookView),
        nextCursor: more ? shown[shown.length - 1]!.id : null,
      };
    });
  }

  get(owner: WebhookOwner, actorId: string, id: string) {
    return this.read(owner, actorId, async () =>
      webhookView(await this.found(await this.store.webhooks.get(owner, id))),
    );
  }

  /** Who may write is settled before the input is looked at: a stranger learns nothing from a 400. */
  private authorize(owner: WebhookOwner, actorId: string): Promise<void> {
    if (owner === null) return this.platform(actorId, 'write');
    return this.mutations.read(owner, actorId, 'webhooks:manage', async () => undefined);
  }

  async create(owner: WebhookOwner, actorId: string, input: WebhookInput, context: RequestContext) {
    await this.authorize(owner, actorId);
    const events = this.checkEvents(input.events);
    const url = await this.checkTarget(input.url);
    const secret = newWebhookSecret();
    const sealed = await this.box.seal(secret);
    const created = await this.write(owner, actorId, context, async (tx, audit) => {
      if ((await tx.webhooks.count(owner)) >= this.options.maxPerOwner) {
        throw new AuthkitError(
          'webhook_limit_reached',
          `at most ${this.options.maxPerOwner} webhook endpoints`,
        );
      }
      const row = await tx.webhooks.create(
        owner,
        {
          id: newId('wh'),
          url,
          description: input.description ?? '',
          events,
          enabled: input.enabled ?? true,
          ordered: input.ordered ?? false,
          secretEncrypted: sealed,
          createdBy: actorId,
        },
        this.clock.now(),
      );
      await audit('webhook.created', row.id, { url, events });
      return row;
    });
    return { ...webhookView(created), secret };
  }

  async update(
    owner: WebhookOwner,
    actorId: string,
    id: string,
    input: Partial<WebhookInput>,
    context: RequestContext,
  ) {
    await this.authorize(owner, actorId);
    await this.found(await this.store.webhooks.get(owner, id));
    const patch: WebhookPatch = {};
    if (input.events !== undefined) patch.events = this.checkEvents(input.events);
    if (input.url !== undefined) patch.url = await this.checkTarget(input.url);
    if (input.description !== undefined) patch.description = input.description;
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    if (input.ordered !== undefined) patch.ordered = input.ordered;
    const row = await this.write(owner, actorId, context, async (tx, audit) => {
      const updated = await this.found(
        await tx.webhooks.update(owner, id, patch, this.clock.now()),
      );
      await audit('webhook.updated', id, { fields: Object.keys(patch).sort() });
      return updated;
    });
    return webhookView(row);
  }

  async delete(owner: WebhookOwner, actorId: string, id: string, context: RequestContext) {
    await this.write(owner, actorId, context, async (tx, audit) => {
      if (!(await tx.webhooks.delete(owner, id))) await this.found(null);
      await audit('webhook.deleted', id);
    });
  }

  /** A new secret; the old one keeps signing (a second signature) for the overlap window. */
  async rotateSecret(
    owner: WebhookOwner,
    actorId: string,
    id: string,
    overlapSeconds: number | undefined,
    context: RequestContext,
  ) {
    const secret = newWebhookSecret();
    const sealed = await this.box.seal(secret);
    const now = this.clock.now();
    const until = new Date(now.getTime() + (overlapSeconds ?? this.options.overlapSeconds) * 1000);
    const row = await this.write(owner, actorId, context, async (tx, audit) => {
      const rotated = await this.found(
        await tx.webhooks.rotateSecret(owner, id, sealed, until, now),
      );
      await audit('webhook.secret_rotated', id, { previousSecretExpiresAt: until.toISOString() });
      return rotated;
    });
    return { ...webhookView(row), secret };
  }

  /** Queues a `webhook.test` ping for this endpoint alone. */
  async test(owner: WebhookOwner, actorId: string, id: string) {
    // Sending a delivery is a write: platform `support` may look, not send.
    if (owner === null) await this.platform(actorId, 'write');
    const delivery = await this.read(owner, actorId, async () => {
      const webhook = await this.found(await this.store.webhooks.get(owner, id));
      return this.store.webhooks.enqueueFor(
        webhook,
        {
          type: WEBHOOK_TEST_EVENT,
          data: { webhookId: webhook.id, message: 'a test delivery from Catalyst Authkit' },
        },
        this.clock.now(),
      );
    });
    this.options.onQueued?.();
    return deliveryView(delivery);
  }

  deliveries(
    owner: WebhookOwner,
    actorId: string,
    id: string,
    page: { cursor?: string; limit?: number; status?: DeliveryStatus },
  ) {
    return this.read(owner, actorId, async () => {
      await this.found(await this.store.webhooks.get(owner, id));
      const limit = page.limit ?? 50;
      const rows = await this.store.webhooks.deliveries(owner, id, {
        limit: limit + 1,
        ...(page.cursor ? { before: Number(page.cursor) } : {}),
        ...(page.status ? { status: page.status } : {}),
      });
      const shown = rows.slice(0, limit);
      return {
        deliveries: shown.map(deliveryView),
        nextCursor: rows.length > limit ? String(shown[shown.length - 1]!.seq) : null,
      };
    });
  }

  delivery(owner: WebhookOwner, actorId: string, id: string, deliveryId: string) {
    return this.read(owner, actorId, async () => {
      const row = await this.store.webhooks.delivery(owner, id, deliveryId);
      if (!row) throw new AuthkitError('not_found', 'no such delivery', { field: 'deliveryId' });
      const attempts = await this.store.webhooks.attempts(row.id);
      return { ...deliveryView(row), attemptLog: attempts.map(attemptView) };
    });
  }

  async retry(owner: WebhookOwner, actorId: string, id: string, deliveryId: string) {
    if (owner === null) await this.platform(actorId, 'write');
    const row = await this.read(owner, actorId, () =>
      this.store.webhooks.retry(owner, id, deliveryId, this.clock.now()),
    );
    if (!row) throw new AuthkitError('not_found', 'no such delivery', { field: 'deliveryId' });
    this.options.onQueued?.();
    return deliveryView(row);
  }

  async replay(
    owner: WebhookOwner,
    actorId: string,
    id: string,
    range: { since: Date; until?: Date; mode?: 'failed' | 'all' },
    context: RequestContext,
  ) {
    await this.authorize(owner, actorId);
    const until = range.until ?? this.clock.now();
    if (until < range.since) {
      throw new AuthkitError('invalid_request', 'until is before since', { field: 'until' });
    }
    const queued = await this.write(owner, actorId, context, async (tx, audit) => {
      await this.found(await tx.webhooks.get(owner, id));
      const n = await tx.webhooks.replay(
        owner,
        id,
        { since: range.since, until, mode: range.mode ?? 'failed' },
        this.clock.now(),
      );
      await audit('webhook.replayed', id, {
        since: range.since.toISOString(),
        until: until.toISOString(),
        mode: range.mode ?? 'failed',
        queued: n,
      });
      return n;
    });
    this.options.onQueued?.();
    return { queued };
  }
}
