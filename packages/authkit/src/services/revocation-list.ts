import type { Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';

/**
 * Revoked `sid`s whose tokens may still be alive: sessions and API keys revoked within the last
 * access-token lifetime (plus skew). Memoized briefly, since every verifier instance polls it.
 */
export class RevocationList {
  private cached: { at: number; ids: Promise<string[]> } | undefined;

  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly windowSeconds: number,
    private readonly memoMs = 1000,
  ) {}

  list(): Promise<string[]> {
    const now = this.clock.now();
    if (this.cached && now.getTime() - this.cached.at < this.memoMs) return this.cached.ids;
    const since = new Date(now.getTime() - this.windowSeconds * 1000);
    const ids = Promise.all([
      this.store.sessions.revokedSince(since),
      this.store.apiKeys.revokedSince(since),
      this.store.tokenRevocations.revokedSince(since),
    ]).then(([sessions, keys, others]) => [...sessions, ...keys, ...others].sort());
    this.cached = { at: now.getTime(), ids };
    ids.catch(() => {
      if (this.cached?.ids === ids) this.cached = undefined;
    });
    return ids;
  }

  /** After a revocation on this instance: the next poll sees it. */
  invalidate(): void {
    this.cached = undefined;
  }
}
