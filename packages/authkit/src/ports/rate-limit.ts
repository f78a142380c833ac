export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the caller may try again; 0 when allowed. */
  retryAfterSeconds: number;
  remaining: number;
}

/** Counts attempts per key inside a fixed window. */
export interface RateLimiterPort {
  consume(key: string): Promise<RateLimitResult>;
  /** Forget a key, e.g. after a successful sign-in. */
  reset(key: string): Promise<void>;
}

export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

/** Builds one limiter per named rule, so adapters can share a backing store. */
export type RateLimiterFactory = (name: string, rule: RateLimitRule) => RateLimiterPort;
