import { LRUCache } from 'lru-cache';
import type { AccessTokenClaims } from '../domain/types.js';

/**
 * Access tokens this process has already verified, until they expire: a repeat request with the
 * same token does no signature work. Process memory only; the token never leaves it. Revocation is
 * checked separately on every request, so caching the signature check does not delay it.
 */
export class VerifiedTokenCache {
  private readonly entries: LRUCache<string, AccessTokenClaims>;

  constructor(max = 10_000) {
    this.entries = new LRUCache({ max });
  }

  get(token: string, now: Date): AccessTokenClaims | undefined {
    const claims = this.entries.get(token);
    if (!claims) return undefined;
    if (claims.exp * 1000 <= now.getTime()) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  set(token: string, claims: AccessTokenClaims, now: Date): void {
    const ttl = claims.exp * 1000 - now.getTime();
    if (ttl > 0) this.entries.set(token, claims, { ttl });
  }
}
