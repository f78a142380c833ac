import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { OneTimePurpose, OneTimeTokenRecord } from '../ports/account-store.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import { randomToken } from '../tokens/opaque-token.js';
import { sha256Hex } from '../tokens/sha256.js';
import { hashEmailCode, newEmailCode } from './one-time-codes.js';

export interface IssueOptions {
  purpose: OneTimePurpose;
  userId: string | null;
  email?: string | null;
  ttlSeconds: number;
  data?: Record<string, unknown>;
  /** Also make a six-digit code (email sign-in) stored hashed beside the token. */
  withCode?: boolean;
  /** The value of the requesting browser's binding cookie; only its hash is kept. */
  binding?: string;
}

export interface Issued {
  token: string;
  code: string | null;
  record: OneTimeTokenRecord;
}

/** Email-code guesses a token allows, the right one included; the fifth wrong one burns it. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Single-use secrets (links, codes, pending sign-ins, WebAuthn challenges): 256 random bits,
 * only the SHA-256 stored, consumed atomically so two requests cannot both redeem one.
 */
export class OneTimeTokens {
  constructor(private readonly clock: Clock) {}

  async issue(tx: StorePort, options: IssueOptions): Promise<Issued> {
    const token = randomToken();
    const tokenHash = await sha256Hex(token);
    const code = options.withCode ? newEmailCode() : null;
    const record = await tx.account.tokens.create({
      id: newId('ott'),
      purpose: options.purpose,
      tokenHash,
      userId: options.userId,
      email: options.email ?? null,
      expiresAt: new Date(this.clock.now().getTime() + options.ttlSeconds * 1000),
      codeHash: code ? await hashEmailCode(tokenHash, code) : null,
      bindingHash: options.binding ? await sha256Hex(options.binding) : null,
      data: options.data ?? {},
    });
    return { token, code, record };
  }

  /** The live record behind `token`, without using it up. Unknown and used look alike. */
  async peek(
    store: StorePort,
    purpose: OneTimePurpose,
    token: string,
  ): Promise<OneTimeTokenRecord> {
    const record = await store.account.tokens.find(purpose, await sha256Hex(token));
    if (!record || record.usedAt) {
      throw new AuthkitError('invalid_token', 'this link is not valid or was already used', {
        field: 'token',
      });
    }
    if (record.expiresAt <= this.clock.now()) {
      throw new AuthkitError('token_expired', 'this link has expired; ask for a new one', {
        field: 'token',
      });
    }
    return record;
  }

  /** Checks and uses up the token in `tx`; a concurrent redemption of the same token loses. */
  async redeem(tx: StorePort, purpose: OneTimePurpose, token: string): Promise<OneTimeTokenRecord> {
    const record = await this.peek(tx, purpose, token);
    if (!(await tx.account.tokens.consume(record.id, this.clock.now()))) {
      throw new AuthkitError('invalid_token', 'this link is not valid or was already used', {
        field: 'token',
      });
    }
    return record;
  }

  /**
   * Redeems the newest live code-bearing token sent to `email` with `code`. Every guess counts
   * against the token; a wrong one that reaches MAX_CODE_ATTEMPTS burns it. Pass the store, not
   * a transaction: the failed attempt must stay counted when the error rolls the caller's work
   * back.
   */
  async redeemCode(
    tx: StorePort,
    purpose: OneTimePurpose,
    email: string,
    code: string,
  ): Promise<OneTimeTokenRecord> {
    const now = this.clock.now();
    const refused = () => new AuthkitError('invalid_code', 'the code is wrong or has expired');
    const record = await tx.account.tokens.latestForEmail(purpose, email, now);
    if (!record?.codeHash) throw refused();
    // Counted before it is compared: guesses sent at once, all reading the record before the
    // burn, would otherwise each get a comparison and pass the limit.
    const attempts = await tx.account.tokens.countAttempt(record.id);
    if (attempts > MAX_CODE_ATTEMPTS) throw refused();
    const expected = await hashEmailCode(record.tokenHash, code);
    if (!constantTimeEqual(expected, record.codeHash)) {
      if (attempts >= MAX_CODE_ATTEMPTS) await tx.account.tokens.consume(record.id, now);
      throw refused();
    }
    if (!(await tx.account.tokens.consume(record.id, now))) throw refused();
    return record;
  }
}

/** Equal-length hex digests compared without an early exit (Web Crypto has no timingSafeEqual; the core avoids node:). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
