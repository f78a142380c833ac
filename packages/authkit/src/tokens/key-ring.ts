import { createLocalJWKSet, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { SigningAlgorithm } from '../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { SigningKeyRecord, StorePort } from '../ports/store.js';
import type { ActiveSigningKey } from './access-token.js';
import type { SecretBox } from './secret-box.js';
import { generateSigningKey, importPrivateKey } from './signing-key.js';

export interface KeyRingOptions {
  alg: SigningAlgorithm;
  /** How long verifiers may cache JWKS (max-age + stale-while-revalidate). */
  jwksCacheSeconds: number;
  /** Longest-lived token the keys sign. */
  maxTokenLifetimeSeconds: number;
  /** How often an instance re-reads keys, so a rotation by another process is picked up. */
  reloadSeconds?: number;
}

export interface RotationResult {
  kid: string;
  activatesAt: Date;
  retired: Array<{ kid: string; retiresAt: Date }>;
}

export type KeyState = 'pending' | 'active' | 'retiring' | 'retired';

export interface KeyStatus {
  kid: string;
  alg: SigningAlgorithm;
  state: KeyState;
  createdAt: Date;
  activatesAt: Date;
  retiresAt: Date | null;
}

const isPublished = (k: SigningKeyRecord, now: Date) => !k.retiresAt || k.retiresAt > now;
const isRetired = (k: SigningKeyRecord, now: Date) => !!k.retiresAt && k.retiresAt <= now;

/**
 * The key that signs at `now`: the newest-created published key that has activated. A pending
 * scheduled key never displaces a newer immediate one. If none has activated on this clock
 * (another instance's clock ran ahead), the earliest-activating published key signs.
 */
export function signingKeyAt(records: SigningKeyRecord[], now: Date): SigningKeyRecord | undefined {
  const published = records.filter((k) => isPublished(k, now));
  const byCreation = [...published].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return (
    byCreation.filter((k) => k.activatesAt <= now).pop() ??
    [...published].sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime())[0]
  );
}

/**
 * Each key's state at `now`, oldest first: `active` signs; `pending` is published and will sign;
 * `retiring` is published only so its tokens still verify; `retired` has left JWKS (prunable).
 */
export function keyStates(records: SigningKeyRecord[], now: Date): KeyStatus[] {
  const signer = signingKeyAt(records, now);
  return [...records]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((k) => ({
      kid: k.kid,
      alg: k.alg,
      state: isRetired(k, now)
        ? 'retired'
        : k.kid === signer?.kid
          ? 'active'
          : k.retiresAt
            ? 'retiring'
            : 'pending',
      createdAt: k.createdAt,
      activatesAt: k.activatesAt,
      retiresAt: k.retiresAt,
    }));
}

/**
 * Keys that may be deleted at `now`: `retiresAt` (which already includes the token lifetime and
 * JWKS cache overlap) has passed. Nothing is prunable while no key is published, so a clock that
 * runs ahead never deletes the last key; the signing key is published, hence never pruned.
 */
export function prunableKeys(records: SigningKeyRecord[], now: Date): SigningKeyRecord[] {
  const signer = signingKeyAt(records, now);
  if (!signer) return [];
  return records.filter((k) => isRetired(k, now) && k.kid !== signer.kid);
}

/**
 * Which keys are published and which one signs, derived from timestamps alone so every instance
 * agrees: a key is published from creation until `retiresAt`, and the newest key whose
 * `activatesAt` has passed signs. Keys past `retiresAt` are deleted when a load finds them.
 */
export class KeyRing {
  private records: SigningKeyRecord[] = [];
  private loadedAt = 0;
  private readonly privateKeys = new Map<string, Promise<CryptoKey>>();
  private getter: { records: SigningKeyRecord[]; at: number; fn: JWTVerifyGetKey } | undefined;
  private pruning: Promise<string[]> | undefined;

  constructor(
    private readonly store: StorePort,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly options: KeyRingOptions,
  ) {}

  private published(now: Date): SigningKeyRecord[] {
    return this.records.filter((k) => isPublished(k, now));
  }

  private async load(force = false): Promise<void> {
    const age = this.clock.now().getTime() - this.loadedAt;
    if (!force && this.loadedAt && age < (this.options.reloadSeconds ?? 30) * 1000) return;
    let records = await this.store.signingKeys.list();
    this.loadedAt = this.clock.now().getTime();
    // Only DELETE when this load found something to prune, not on every reload.
    if (prunableKeys(records, this.clock.now()).length > 0) {
      // Housekeeping must never fail signing: retired keys are out of JWKS anyway; a later load retries.
      const pruned = new Set(await this.deleteRetired(records).catch(() => []));
      records = records.filter((k) => !pruned.has(k.kid));
    }
    this.records = records;
    // Forget private keys whose rows are gone, whether pruned here or by another instance.
    for (const kid of this.privateKeys.keys())
      if (!records.some((k) => k.kid === kid)) this.privateKeys.delete(kid);
  }

  /** Deletes keys past their overlap, one DELETE in flight per ring; returns the kids removed. */
  private deleteRetired(records: SigningKeyRecord[]): Promise<string[]> {
    const now = this.clock.now();
    if (prunableKeys(records, now).length === 0) return Promise.resolve([]);
    this.pruning ??= this.store.signingKeys.deleteRetired(now).finally(() => {
      this.pruning = undefined;
    });
    return this.pruning;
  }

  /** Deletes retired keys (public and private material) now; returns the kids removed. */
  async prune(): Promise<string[]> {
    const pruned = await this.deleteRetired(await this.store.signingKeys.list());
    await this.load(true);
    return pruned;
  }

  /** Every stored key with its state, for operators (`catalyst keys list`). */
  async list(): Promise<KeyStatus[]> {
    await this.load();
    return keyStates(this.records, this.clock.now());
  }

  /** Creates the first key if none is published (under a lock, so concurrent starts make one). */
  async ensureKey(): Promise<void> {
    await this.load(true);
    if (this.published(this.clock.now()).length > 0) return;
    await this.store.withLock('signing-keys', async (tx) => {
      const now = this.clock.now();
      const live = (await tx.signingKeys.list()).filter((k) => isPublished(k, now));
      if (live.length === 0) await this.insertKey(tx, now);
    });
    await this.load(true);
  }

  private async insertKey(tx: StorePort, activatesAt: Date): Promise<SigningKeyRecord> {
    const generated = await generateSigningKey(this.options.alg);
    // createdAt orders keys ("newest signs"), so keep it strictly increasing even within a millisecond.
    const newest = Math.max(0, ...(await tx.signingKeys.list()).map((k) => k.createdAt.getTime()));
    const createdAt = new Date(Math.max(this.clock.now().getTime(), newest + 1));
    const record: SigningKeyRecord = {
      kid: generated.kid,
      alg: generated.alg,
      publicJwk: generated.publicJwk as Record<string, unknown>,
      privateJwkEncrypted: await this.box.seal(JSON.stringify(generated.privateJwk)),
      createdAt,
      activatesAt,
      retiresAt: null,
    };
    await tx.signingKeys.insert(record);
    return record;
  }

  /** The key that signs now (see `signingKeyAt`), creating one if none is published. */
  async current(): Promise<ActiveSigningKey> {
    await this.load();
    if (this.published(this.clock.now()).length === 0) await this.ensureKey();
    const key = signingKeyAt(this.records, this.clock.now());
    if (!key) throw new Error('no signing key could be created');
    let privateKey = this.privateKeys.get(key.kid);
    if (!privateKey) {
      privateKey = this.box
        .open(key.privateJwkEncrypted)
        .then((json) => importPrivateKey(JSON.parse(json) as JWK, key.alg));
      this.privateKeys.set(key.kid, privateKey);
    }
    return { kid: key.kid, alg: key.alg, privateKey: await privateKey };
  }

  /** Every published public key: the next one before it signs, old ones until their tokens expire. */
  async jwks(): Promise<JSONWebKeySet> {
    await this.load();
    return { keys: this.published(this.clock.now()).map((k) => k.publicJwk as JWK) };
  }

  /** A verification key getter over the published keys, rebuilt only when they change. */
  async keyGetter(): Promise<JWTVerifyGetKey> {
    await this.load();
    const minute = Math.floor(this.clock.now().getTime() / 60_000);
    if (!this.getter || this.getter.records !== this.records || this.getter.at !== minute) {
      this.getter = { records: this.records, at: minute, fn: createLocalJWKSet(await this.jwks()) };
    }
    return this.getter.fn;
  }

  /**
   * Adds a key that starts signing once verifiers' JWKS caches have seen it (or at once with
   * `immediate`), and schedules the keys it replaces to leave JWKS after their last tokens expire.
   */
  async rotate(options: { immediate?: boolean } = {}): Promise<RotationResult> {
    const result = await this.store.withLock('signing-keys', async (tx) => {
      const now = this.clock.now();
      const activatesAt = new Date(
        now.getTime() + (options.immediate ? 0 : this.options.jwksCacheSeconds * 1000),
      );
      const retiresAt = new Date(
        activatesAt.getTime() +
          (this.options.maxTokenLifetimeSeconds + this.options.jwksCacheSeconds) * 1000,
      );
      const existing = (await tx.signingKeys.list()).filter((k) => isPublished(k, now));
      const created = await this.insertKey(tx, activatesAt);
      const retired = [];
      for (const key of existing) {
        await tx.signingKeys.setRetiresAt(key.kid, retiresAt);
        retired.push({ kid: key.kid, retiresAt });
      }
      return { kid: created.kid, activatesAt, retired };
    });
    await this.load(true);
    return result;
  }
}
