import {
  isApiKeySecret,
  keyView,
  secretStart,
  type ApiKeyRecord,
  type ApiKeyView,
  type KeyOwner,
  type RefillInterval,
} from '../domain/api-keys.js';
import type { EffectiveIdentity } from '../domain/effective-identity.js';
import { AuthkitError } from '../domain/errors.js';
import { newSortableId } from '../domain/ids.js';
import { validateLabels } from '../domain/labels.js';
import type { ApiKeyStatusFilter, OwnedKeyRepository } from '../ports/api-key-store.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import { randomToken } from '../tokens/opaque-token.js';
import { sha256Hex } from '../tokens/sha256.js';
import type { IdentityService } from './identity-service.js';
import type { ScopeCatalog, ScopeOption } from './key-scopes.js';
import { recordEvent } from './event-recorder.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';

export interface IssueKeyInput {
  name: string;
  scopes?: string[] | undefined;
  labels?: string[] | undefined;
  expiresAt?: string | undefined;
  rateLimit?: { limit: number; windowSeconds: number } | undefined;
  remaining?: number | undefined;
  refill?: { interval: RefillInterval; amount: number } | undefined;
  /** One-shot: a single use (unless `remaining` says otherwise), expiring within the hour. */
  ephemeral?: boolean | undefined;
}

export interface UpdateKeyInput {
  name?: string | undefined;
  scopes?: string[] | undefined;
  labels?: string[] | undefined;
}

export type IssuedKey = ApiKeyView & { secret: string };

const EPHEMERAL_DEFAULT_SECONDS = 15 * 60;
const EPHEMERAL_MAX_SECONDS = 3600;
const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export interface KeyServiceOptions {
  env: string;
  maxKeysPerOwner: number;
  /** Called after a revocation commits: tokens exchanged from the key stop at once. */
  onRevoked(keyId: string): Promise<void>;
  /** Called after any change to a key commits, with its hashes before and after. */
  onChanged(hashes: { secretHash: string; previousHash: string | null }): Promise<void>;
  /** The write-behind `lastUsedAt` not yet flushed, so lists are current. */
  pendingLastUsed(keyId: string): Date | undefined;
}

interface Frame {
  repo: OwnedKeyRepository;
  /** The caller's effective identity, read only by the calls that check scopes. */
  identity(): Promise<EffectiveIdentity>;
  tx: StorePort;
}

/** Issuing and managing API keys for a user (`/me/keys`) or an org (`/orgs/{orgId}/keys`). */
export class KeyService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly mutations: OrgMutations,
    private readonly identity: IdentityService,
    private readonly catalog: ScopeCatalog,
    private readonly options: KeyServiceOptions,
  ) {}

  /** A fresh secret: `ck_<env>_` and 256 random bits. */
  newSecret(): string {
    const secret = `ck_${this.options.env}_${randomToken(32)}`;
    if (!isApiKeySecret(secret)) throw new Error('generated key secret has the wrong shape');
    return secret;
  }

  private async identityOf(userId: string, orgId: string | null, tx: StorePort) {
    const resolved = await this.identity.effective(userId, orgId, tx);
    if (!resolved) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
    return resolved.identity;
  }

  /** The frame for one call, the same for reads (`tx` the store) and writes. */
  private frame(owner: KeyOwner, actorId: string, tx: StorePort, repo: OwnedKeyRepository): Frame {
    const [userId, orgId] = owner.type === 'user' ? [owner.userId, null] : [actorId, owner.orgId];
    return { repo, tx, identity: () => this.identityOf(userId, orgId, tx) };
  }

  private read<T>(owner: KeyOwner, actorId: string, fn: (f: Frame) => Promise<T>): Promise<T> {
    if (owner.type === 'user') {
      return fn(this.frame(owner, actorId, this.store, this.store.apiKeys.forUser(owner.userId)));
    }
    return this.mutations.read(owner.orgId, actorId, 'keys:manage', ({ scoped }) =>
      fn(this.frame(owner, actorId, this.store, scoped.keys)),
    );
  }

  private write<T>(
    owner: KeyOwner,
    actorId: string,
    context: RequestContext,
    fn: (f: Frame) => Promise<T>,
  ): Promise<T> {
    if (owner.type === 'user') {
      return this.store.transaction((tx) =>
        fn(this.frame(owner, actorId, tx, tx.apiKeys.forUser(owner.userId))),
      );
    }
    return this.mutations.write(owner.orgId, actorId, 'keys:manage', context, ({ tx, scoped }) =>
      fn(this.frame(owner, actorId, tx, scoped.keys)),
    );
  }

  private view(key: ApiKeyRecord): ApiKeyView {
    return keyView(key, this.clock.now(), this.options.pendingLastUsed(key.id));
  }

  private async audit(
    tx: StorePort,
    action: 'key.issued' | 'key.updated' | 'key.revoked' | 'key.rotated',
    owner: KeyOwner,
    actorId: string,
    key: ApiKeyRecord,
    context: RequestContext,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    const orgId = owner.type === 'org' ? owner.orgId : null;
    const ownerData = {
      ownerType: owner.type,
      ownerId: owner.type === 'org' ? owner.orgId : owner.userId,
    };
    await recordEvent(tx, this.clock, {
      action,
      actorType: 'user',
      actorId,
      targetType: 'api_key',
      targetId: key.id,
      orgId,
      context,
      data: { ...ownerData, ...data },
      webhookData: { keyId: key.id, name: key.name, actorId, ...ownerData, ...data },
    });
  }

  /** Every scope a key of this owner may carry, marked with whether the caller holds it. */
  scopes(owner: KeyOwner, actorId: string): Promise<ScopeOption[]> {
    return this.read(owner, actorId, async ({ identity }) =>
      this.catalog.options(owner.type, await identity()),
    );
  }

  list(
    owner: KeyOwner,
    actorId: string,
    page: { cursor?: string | undefined; limit: number; status: ApiKeyStatusFilter },
  ): Promise<{ keys: ApiKeyView[]; nextCursor: string | null }> {
    return this.read(owner, actorId, async ({ repo }) => {
      const rows = await repo.list({ ...page, limit: page.limit + 1 });
      const more = rows.length > page.limit;
      const keys = rows.slice(0, page.limit);
      return { keys: keys.map((k) => this.view(k)), nextCursor: more ? keys.at(-1)!.id : null };
    });
  }

  get(owner: KeyOwner, actorId: string, keyId: string): Promise<ApiKeyView> {
    return this.read(owner, actorId, async ({ repo }) => this.view(await found(repo.get(keyId))));
  }

  issue(
    owner: KeyOwner,
    actorId: string,
    input: IssueKeyInput,
    context: RequestContext,
  ): Promise<IssuedKey> {
    const now = this.clock.now();
    const plan = planKey(input, now);
    if (input.labels) validateLabels(input.labels, 'labels');
    const secret = this.newSecret();
    return sha256Hex(secret).then((secretHash) =>
      this.write(owner, actorId, context, async ({ repo, identity, tx }) => {
        const scopes = this.catalog.requireHeld(owner.type, await identity(), input.scopes ?? []);
        if ((await repo.countActive()) >= this.options.maxKeysPerOwner) {
          throw new AuthkitError(
            'key_limit_reached',
            `at most ${this.options.maxKeysPerOwner} keys may be active at once`,
          );
        }
        const key = await repo.create({
          id: newSortableId('key', now),
          name: input.name,
          env: this.options.env,
          start: secretStart(secret),
          secretHash,
          scopes,
          labels: [...new Set(input.labels ?? [])].sort(),
          createdBy: actorId,
          ...plan,
        });
        await this.audit(tx, 'key.issued', owner, actorId, key, context, { scopes });
        return { ...this.view(key), secret };
      }),
    );
  }

  update(
    owner: KeyOwner,
    actorId: string,
    keyId: string,
    input: UpdateKeyInput,
    context: RequestContext,
  ): Promise<ApiKeyView> {
    if (input.labels) validateLabels(input.labels, 'labels');
    return this.write(owner, actorId, context, async ({ repo, tx }) => {
      const key = await found(repo.get(keyId));
      if (key.revokedAt) throw new AuthkitError('key_revoked', 'this key has been revoked');
      // Narrowing only: a key never gains a scope after it was issued.
      const scopes = input.scopes ? [...new Set(input.scopes)].sort() : undefined;
      scopes?.forEach((scope, index) => {
        if (!key.scopes.includes(scope)) {
          throw new AuthkitError(
            'scope_widening',
            `"${scope}" is not among this key's scopes; issue a new key to add scopes`,
            { field: `scopes.${index}` },
          );
        }
      });
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(scopes ? { scopes } : {}),
        ...(input.labels ? { labels: [...new Set(input.labels)].sort() } : {}),
      };
      const updated = await found(repo.update(keyId, patch, this.clock.now()));
      await this.audit(tx, 'key.updated', owner, actorId, updated, context, {
        fields: Object.keys(patch),
      });
      return updated;
    }).then(async (updated) => {
      await this.options.onChanged(updated);
      return this.view(updated);
    });
  }

  async revoke(
    owner: KeyOwner,
    actorId: string,
    keyId: string,
    reason: string | null,
    context: RequestContext,
  ): Promise<void> {
    const revoked = await this.write(owner, actorId, context, async ({ repo, tx }) => {
      const key = await found(repo.get(keyId));
      if (key.revokedAt) return null; // revoking twice is not an error; the first reason stays
      const done = await found(repo.revoke(keyId, { at: this.clock.now(), reason, by: actorId }));
      await this.audit(tx, 'key.revoked', owner, actorId, done, context, { reason });
      return done;
    });
    if (revoked) {
      await this.options.onRevoked(keyId);
      await this.options.onChanged(revoked);
    }
  }

  reroll(
    owner: KeyOwner,
    actorId: string,
    keyId: string,
    graceSeconds: number,
    context: RequestContext,
  ): Promise<IssuedKey> {
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
      throw new AuthkitError('invalid_request', `must be 0–${MAX_GRACE_SECONDS} seconds`, {
        field: 'gracePeriodSeconds',
      });
    }
    const secret = this.newSecret();
    return sha256Hex(secret)
      .then((secretHash) =>
        this.write(owner, actorId, context, async ({ repo, tx }) => {
          const key = await found(repo.get(keyId));
          if (key.revokedAt) throw new AuthkitError('key_revoked', 'this key has been revoked');
          const now = this.clock.now();
          const rolled = await found(
            repo.reroll(keyId, {
              secretHash,
              start: secretStart(secret),
              previousExpiresAt:
                graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null,
              at: now,
            }),
          );
          await this.audit(tx, 'key.rotated', owner, actorId, rolled, context, { graceSeconds });
          // The old secret's cache entry goes too: without a grace period it must stop now.
          return { rolled, before: key };
        }),
      )
      .then(async ({ rolled, before }) => {
        await this.options.onChanged(before);
        await this.options.onChanged(rolled);
        return { ...this.view(rolled), secret };
      });
  }
}

async function found(row: Promise<ApiKeyRecord | null>): Promise<ApiKeyRecord> {
  const key = await row;
  if (!key) throw new AuthkitError('not_found', 'no such key', { field: 'keyId' });
  return key;
}

/** Expiry, limits and one-shot settings, checked before anything is written. */
function planKey(input: IssueKeyInput, now: Date) {
  let expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AuthkitError('invalid_request', 'must be in the future', { field: 'expiresAt' });
  }
  let remaining = input.remaining ?? input.refill?.amount ?? null;
  if (input.ephemeral) {
    if (input.refill) {
      throw new AuthkitError('invalid_request', 'a one-shot key cannot refill', {
        field: 'refill',
      });
    }
    const latest = now.getTime() + EPHEMERAL_MAX_SECONDS * 1000;
    expiresAt ??= new Date(now.getTime() + EPHEMERAL_DEFAULT_SECONDS * 1000);
    if (expiresAt.getTime() > latest) {
      throw new AuthkitError('invalid_request', 'a one-shot key expires within the hour', {
        field: 'expiresAt',
      });
    }
    remaining ??= 1;
  }
  return {
    expiresAt,
    remaining,
    refillInterval: input.refill?.interval ?? null,
    refillAmount: input.refill?.amount ?? null,
    refilledAt: input.refill ? now : null,
    rateLimitPoints: input.rateLimit?.limit ?? null,
    rateLimitSeconds: input.rateLimit?.windowSeconds ?? null,
    ephemeral: input.ephemeral ?? false,
  };
}
