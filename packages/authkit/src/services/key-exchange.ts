import { isBanned } from '../domain/ban.js';
import {
  isApiKeySecret,
  keyStatus,
  refillPeriodStart,
  scopeCovered,
  type ApiKeyRecord,
  type ExchangedToken,
} from '../domain/api-keys.js';
import type { CachePort } from '../ports/cache.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiterFactory, RateLimiterPort, RateLimitRule } from '../ports/rate-limit.js';
import { LastUsedWriter } from './last-used-writer.js';
import type { StorePort } from '../ports/store.js';
import { mintAccessToken, type ActiveSigningKey } from '../tokens/access-token.js';
import { sha256Hex } from '../tokens/sha256.js';

/** Why an exchange failed, for the holder of the key only: nothing here describes other keys. */
export type ExchangeReason = 'invalid' | 'expired' | 'revoked' | 'exhausted' | 'rate_limited';

/** An RFC 6749 §5.2 / RFC 8693 §2.2.2 error with a machine-readable reason. */
export class ExchangeError extends Error {
  constructor(
    readonly error: 'invalid_grant' | 'invalid_scope' | 'invalid_target',
    readonly reason: ExchangeReason | null,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

/** A key record as the cache holds it: JSON-safe (dates as epoch ms), with its org's plan. */
interface CachedKey {
  record: Omit<ApiKeyRecord, DateField> & Record<DateField, number | null>;
  /** The owning org exists, or the owning user exists and is not banned. */
  orgLive: boolean;
  plan: string | null;
}
type DateField =
  | 'previousExpiresAt'
  | 'expiresAt'
  | 'createdAt'
  | 'updatedAt'
  | 'lastUsedAt'
  | 'revokedAt'
  | 'refilledAt';
const DATE_FIELDS: DateField[] = [
  'previousExpiresAt',
  'expiresAt',
  'createdAt',
  'updatedAt',
  'lastUsedAt',
  'revokedAt',
  'refilledAt',
];
const cacheKey = (hash: string) => `apikey:${hash}`;

export interface KeyExchangeOptions {
  issuer: string;
  audience: string;
  /** Audiences an exchange may ask for besides `audience`. */
  audiences: readonly string[];
  ttlSeconds: number;
  perKey: RateLimitRule;
  /** How long a key record may be served from the cache (0: always read the store). */
  cacheSeconds: number;
  /** How often `lastUsedAt` is written behind (ms). */
  flushEveryMs?: number;
}

/**
 * The key → JWT exchange (RFC 8693). Verification reads one row and never waits on a write:
 * `lastUsedAt` is collected in memory and written in batches.
 */
export class KeyExchange {
  private readonly limiters = new Map<string, RateLimiterPort>();
  private readonly lastUsed: LastUsedWriter;

  constructor(
    private readonly store: StorePort,
    private readonly cache: CachePort,
    private readonly isRevoked: (keyId: string) => Promise<boolean>,
    private readonly clock: Clock,
    private readonly signingKey: () => Promise<ActiveSigningKey>,
    private readonly rateLimiter: RateLimiterFactory,
    private readonly options: KeyExchangeOptions,
  ) {
    this.lastUsed = new LastUsedWriter(
      (entries) => this.store.apiKeys.touch(entries),
      options.flushEveryMs,
    );
  }

  private limiter(key: ApiKeyRecord): RateLimiterPort {
    const rule =
      key.rateLimitPoints && key.rateLimitSeconds
        ? { points: key.rateLimitPoints, durationSeconds: key.rateLimitSeconds }
        : this.options.perKey;
    const name = `exchange:key:${rule.points}/${rule.durationSeconds}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = this.rateLimiter(name, rule);
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  async exchange(
    secret: string,
    request: { scope?: string | undefined; audience?: string | undefined },
  ): Promise<ExchangedToken> {
    const invalid = () => new ExchangeError('invalid_grant', 'invalid', 'the API key is not valid');
    if (!isApiKeySecret(secret)) throw invalid();
    const now = this.clock.now();
    const found = await this.lookup(await sha256Hex(secret), now);
    if (!found) throw invalid();
    const { key } = found;
    // A revocation on any instance sharing the cache is seen at once, cached record or not.
    if (await this.isRevoked(key.id)) {
      throw new ExchangeError('invalid_grant', 'revoked', 'the API key has been revoked');
    }
    const status = keyStatus(key, now);
    if (status === 'revoked')
      throw new ExchangeError('invalid_grant', 'revoked', 'the API key has been revoked');
    if (status === 'expired')
      throw new ExchangeError('invalid_grant', 'expired', 'the API key has expired');
    if (status === 'exhausted') throw exhausted();

    const audience = request.audience ?? this.options.audience;
    if (audience !== this.options.audience && !this.options.audiences.includes(audience)) {
      throw new ExchangeError('invalid_target', null, 'that audience is not served here');
    }
    const requested = request.scope?.split(' ').filter(Boolean);
    const scopes = requested ? [...new Set(requested)].sort() : key.scopes;
    const extra = scopes.filter((s) => !scopeCovered(key.scopes, s));
    if (extra.length > 0) {
      throw new ExchangeError('invalid_scope', null, `the key does not carry: ${extra.join(' ')}`);
    }
    if (!found.orgLive) {
      throw new ExchangeError(
        'invalid_grant',
        'revoked',
        key.orgId ? 'the org that owns this key is gone' : 'the owner of this key is suspended',
      );
    }

    const limit = await this.limiter(key).consume(key.id);
    if (!limit.allowed) {
      throw new ExchangeError(
        'invalid_grant',
        'rate_limited',
        'too many exchanges for this key',
        limit.retryAfterSeconds,
      );
    }
    if (key.remaining !== null) {
      const period = key.refillInterval ? refillPeriodStart(key.refillInterval, now) : null;
      if ((await this.store.apiKeys.consumeUse(key.id, now, period)) === null) throw exhausted();
    } else {
      this.lastUsed.note(key.id, now);
    }
    return this.mint(key, found.plan, scopes, audience, now);
  }

  /**
   * The key with this secret hash, and its org's state: from the cache when fresh, else one read
   * (plus the org for org keys). Changes to a key drop its entries (`forget`).
   */
  private async lookup(
    hash: string,
    now: Date,
  ): Promise<{ key: ApiKeyRecord; orgLive: boolean; plan: string | null } | null> {
    const ttl = this.options.cacheSeconds;
    if (ttl > 0) {
      const hit = await this.cache.get<CachedKey>(cacheKey(hash));
      if (hit) {
        const key = { ...hit.record } as unknown as ApiKeyRecord;
        for (const f of DATE_FIELDS) {
          const v = hit.record[f];
          (key as unknown as Record<string, Date | null>)[f] = v === null ? null : new Date(v);
        }
        // A rerolled-away secret past its grace period is not this key any more.
        const current = key.secretHash === hash;
        if (current || (key.previousExpiresAt && key.previousExpiresAt > now)) {
          return { key, orgLive: hit.orgLive, plan: hit.plan };
        }
        return null;
      }
    }
    const key = await this.store.apiKeys.findBySecretHash(hash, now);
    if (!key) return null;
    const org = key.orgId ? await this.store.orgs.scoped(key.orgId).get() : null;
    // A user key stops with its owner: a banned (or deleted) user's keys exchange for nothing.
    const owner = key.userId ? await this.store.users.findById(key.userId) : null;
    const live = key.orgId ? org !== null : owner !== null && !isBanned(owner, now);
    const found = { key, orgLive: live, plan: org?.plan ?? null };
    if (ttl > 0) {
      const record = { ...key } as unknown as CachedKey['record'];
      for (const f of DATE_FIELDS) record[f] = key[f]?.getTime() ?? null;
      await this.cache.set<CachedKey>(cacheKey(hash), { ...found, record }, ttl);
    }
    return found;
  }

  /** Drops a key's cached records (after an update, revoke or reroll). */
  async forget(key: Pick<ApiKeyRecord, 'secretHash' | 'previousHash'>): Promise<void> {
    await this.cache.delete(cacheKey(key.secretHash));
    if (key.previousHash) await this.cache.delete(cacheKey(key.previousHash));
  }

  private async mint(
    key: ApiKeyRecord,
    plan: string | null,
    scopes: string[],
    audience: string,
    now: Date,
  ): Promise<ExchangedToken> {
    const untilExpiry = key.expiresAt
      ? Math.floor((key.expiresAt.getTime() - now.getTime()) / 1000)
      : Infinity;
    const ttl = Math.max(1, Math.min(this.options.ttlSeconds, untilExpiry));
    const token = await mintAccessToken(
      {
        sub: key.orgId ?? key.userId ?? '',
        sid: key.id,
        client_id: key.id,
        org: key.orgId,
        groups: [],
        labels: key.labels,
        roles: [],
        plan,
        ent: [],
        scopes,
        amr: ['key'],
      },
      await this.signingKey(),
      { issuer: this.options.issuer, audience, ttlSeconds: ttl, now },
    );
    return {
      access_token: token,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: ttl,
      scope: scopes.join(' '),
    };
  }

  /** When a key was last used but not yet written (lists merge it in). */
  pendingLastUsed(keyId: string): Date | undefined {
    return this.lastUsed.get(keyId);
  }

  /** Writes the collected `lastUsedAt` values in one statement. */
  flush(): Promise<void> {
    return this.lastUsed.flush();
  }

  close(): Promise<void> {
    return this.lastUsed.close();
  }
}

function exhausted(): ExchangeError {
  return new ExchangeError('invalid_grant', 'exhausted', 'the API key has no uses left');
}
