import { LRUCache } from 'lru-cache';
import type { CachePort } from '../../ports/cache.js';

export interface MemoryCacheOptions {
  /** Most entries kept; the least recently used go first. */
  max?: number;
}

/** In-process cache for a single instance. Values are stored by reference. */
export function createMemoryCache(options: MemoryCacheOptions = {}): CachePort {
  const lru = new LRUCache<string, { value: unknown }>({
    max: options.max ?? 10_000,
    ttlAutopurge: false,
  });
  return {
    async get<T>(key: string) {
      return lru.get(key)?.value as T | undefined;
    },
    async set<T>(key: string, value: T, ttlSeconds: number) {
      lru.set(key, { value }, { ttl: Math.max(1, Math.round(ttlSeconds * 1000)) });
    },
    async delete(key: string) {
      lru.delete(key);
    },
  };
}
