/**
 * API-key rules that need no I/O: the secret's shape, scopes, refill periods and the public view.
 * The secret is `ck_<env>_<43 base64url chars>` (256 random bits); only its SHA-256 is stored.
 */
export type KeyOwner = { type: 'user'; userId: string } | { type: 'org'; orgId: string };

export type RefillInterval = 'daily' | 'monthly';

export interface ApiKeyRecord {
  id: string;
  userId: string | null;
  orgId: string | null;
  name: string;
  env: string;
  /** The secret's prefix and first characters, shown in lists to tell keys apart. */
  start: string;
  secretHash: string;
  previousHash: string | null;
  previousExpiresAt: Date | null;
  scopes: string[];
  labels: string[];
  expiresAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  revokedBy: string | null;
  rateLimitPoints: number | null;
  rateLimitSeconds: number | null;
  remaining: number | null;
  refillInterval: RefillInterval | null;
  refillAmount: number | null;
  refilledAt: Date | null;
  ephemeral: boolean;
}

export const API_KEY_ENV_PATTERN = /^[a-z0-9]{1,16}$/;
const SECRET_PATTERN = /^ck_([a-z0-9]{1,16})_([A-Za-z0-9_-]{43})$/;
/** Scope names: `resource:action` style, lower case, `*` allowed as a whole segment. */
export const SCOPE_PATTERN =
  /^(?:\*|[a-z][a-z0-9_.-]{0,63}(?::(?:\*|[a-z0-9][a-z0-9_.-]{0,63}))*)$/;
/** Characters of the random part shown in lists (`ck_live_Ab3dE9xQ…`). */
const START_LENGTH = 8;

export function isApiKeySecret(text: string): boolean {
  return SECRET_PATTERN.test(text);
}

/** The prefix and first random characters: enough to tell keys apart, useless to an attacker. */
export function secretStart(secret: string): string {
  const match = SECRET_PATTERN.exec(secret);
  if (!match) throw new TypeError('not an API key secret');
  return `ck_${match[1]}_${match[2]!.slice(0, START_LENGTH)}`;
}

/** The start of the refill period `now` falls in (UTC midnight, or the first of the month). */
export function refillPeriodStart(interval: RefillInterval, now: Date): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return interval === 'daily'
    ? new Date(Date.UTC(y, m, now.getUTCDate()))
    : new Date(Date.UTC(y, m, 1));
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked' | 'exhausted';

export function keyStatus(key: ApiKeyRecord, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  if (key.remaining !== null && key.remaining <= 0) {
    const refillDue =
      key.refillInterval !== null &&
      (key.refilledAt ?? key.createdAt) < refillPeriodStart(key.refillInterval, now);
    if (!refillDue) return 'exhausted';
  }
  return 'active';
}

/** A requested scope is covered when the key holds it or a wildcard over it. */
export function scopeCovered(held: readonly string[], wanted: string): boolean {
  if (held.includes(wanted) || held.includes('*')) return true;
  const colon = wanted.indexOf(':');
  return colon > 0 && held.includes(`${wanted.slice(0, colon)}:*`);
}

/** What clients see of a key: never the hash, never the secret (that appears once, on create). */
export interface ApiKeyView {
  id: string;
  name: string;
  start: string;
  owner: { type: 'user' | 'org'; id: string };
  scopes: string[];
  labels: string[];
  status: ApiKeyStatus;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  rateLimit: { limit: number; windowSeconds: number } | null;
  remaining: number | null;
  refill: { interval: RefillInterval; amount: number } | null;
  ephemeral: boolean;
  /** Until when a rerolled key's previous secret still works. */
  previousSecretExpiresAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function keyView(key: ApiKeyRecord, now: Date, lastUsedAt?: Date): ApiKeyView {
  const used =
    lastUsedAt && (!key.lastUsedAt || lastUsedAt > key.lastUsedAt) ? lastUsedAt : key.lastUsedAt;
  return {
    id: key.id,
    name: key.name,
    start: key.start,
    owner: key.orgId ? { type: 'org', id: key.orgId } : { type: 'user', id: key.userId ?? '' },
    scopes: key.scopes,
    labels: key.labels,
    status: keyStatus(key, now),
    expiresAt: iso(key.expiresAt),
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    lastUsedAt: iso(used),
    revokedAt: iso(key.revokedAt),
    revokedReason: key.revokedReason,
    rateLimit:
      key.rateLimitPoints && key.rateLimitSeconds
        ? { limit: key.rateLimitPoints, windowSeconds: key.rateLimitSeconds }
        : null,
    remaining: key.remaining,
    refill:
      key.refillInterval && key.refillAmount
        ? { interval: key.refillInterval, amount: key.refillAmount }
        : null,
    ephemeral: key.ephemeral,
    previousSecretExpiresAt:
      key.previousExpiresAt && key.previousExpiresAt > now
        ? key.previousExpiresAt.toISOString()
        : null,
  };
}

/** The token endpoint's answer to an API-key exchange (RFC 8693 §2.2.1). */
export interface ExchangedToken {
  access_token: string;
  issued_token_type: 'urn:ietf:params:oauth:token-type:access_token';
  token_type: 'Bearer';
  expires_in: number;
  /** The scopes the token carries, space-separated. */
  scope: string;
}
