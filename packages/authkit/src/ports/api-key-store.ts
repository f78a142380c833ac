/** API-key persistence (DESIGN §3). Only hashes of secrets ever reach the store. */
import type { ApiKeyRecord } from '../domain/api-keys.js';

export type { ApiKeyRecord, KeyOwner, RefillInterval } from '../domain/api-keys.js';

export type NewApiKey = Omit<
  ApiKeyRecord,
  | 'userId'
  | 'orgId'
  | 'createdAt'
  | 'updatedAt'
  | 'lastUsedAt'
  | 'revokedAt'
  | 'revokedReason'
  | 'revokedBy'
  | 'previousHash'
  | 'previousExpiresAt'
>;

export type ApiKeyPatch = Partial<Pick<ApiKeyRecord, 'name' | 'scopes' | 'labels'>>;

export type ApiKeyStatusFilter = 'active' | 'revoked' | 'all';

/** Keys of one owner: every statement filters on that owner, as org repositories do on org_id. */
export interface OwnedKeyRepository {
  create(key: NewApiKey): Promise<ApiKeyRecord>;
  get(id: string): Promise<ApiKeyRecord | null>;
  /** Ordered by id after `cursor`; `active` leaves out revoked keys (expired ones stay listed). */
  list(page: {
    cursor?: string | undefined;
    limit: number;
    status: ApiKeyStatusFilter;
  }): Promise<ApiKeyRecord[]>;
  /** Keys not revoked, for the per-owner limit. */
  countActive(): Promise<number>;
  /** Only a key that is not revoked changes. */
  update(id: string, patch: ApiKeyPatch, at: Date): Promise<ApiKeyRecord | null>;
  /** Null when the key is unknown or already revoked. */
  revoke(
    id: string,
    input: { at: Date; reason: string | null; by: string },
  ): Promise<ApiKeyRecord | null>;
  /** Swaps in a new secret; the old one stays valid until `previousExpiresAt` (null: at once). */
  reroll(
    id: string,
    input: { secretHash: string; start: string; previousExpiresAt: Date | null; at: Date },
  ): Promise<ApiKeyRecord | null>;
}

export interface ApiKeyRepository {
  forUser(userId: string): OwnedKeyRepository;
  /** The key whose current secret, or rerolled secret inside its grace period, has this hash. */
  findBySecretHash(hash: string, now: Date): Promise<ApiKeyRecord | null>;
  /**
   * Spends one use in a single conditional UPDATE (two racing exchanges cannot both take the last
   * use). A refill due since `periodStart` resets the count first. Null: nothing left.
   */
  consumeUse(id: string, now: Date, periodStart: Date | null): Promise<number | null>;
  /** Write-behind of `lastUsedAt`, many keys in one statement. */
  touch(entries: ReadonlyArray<{ id: string; at: Date }>): Promise<void>;
  /** Ids of keys revoked at or after `since` (the revocation list). */
  revokedSince(since: Date): Promise<string[]>;
}
