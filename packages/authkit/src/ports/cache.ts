/**
 * A key/value cache with per-entry TTL. The in-memory adapter serves one process; a shared adapter
 * (Redis) makes entries such as session revocations visible to every instance.
 */
export interface CachePort {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}
