import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterFactory, RateLimiterPort } from '../../ports/rate-limit.js';

/** Fixed-window limiters held in this process (rate-limiter-flexible's memory store). */
export const createMemoryRateLimiter: RateLimiterFactory = (name, rule): RateLimiterPort => {
  const limiter = new RateLimiterMemory({
    keyPrefix: name,
    points: rule.points,
    duration: rule.durationSeconds,
  });
  return {
    async consume(key) {
      try {
        const res = await limiter.consume(key, 1);
        return { allowed: true, retryAfterSeconds: 0, remaining: res.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
            remaining: 0,
          };
        }
        throw rejection;
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
};
