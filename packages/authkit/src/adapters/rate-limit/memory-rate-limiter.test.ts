import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createMemoryRateLimiter', () => {
  it('allows N attempts, then denies with a retry-after', async () => {
    const limiter = createMemoryRateLimiter('sign-in', { points: 3, durationSeconds: 60 });
    const allowed = [
      await limiter.consume('ip:1'),
      await limiter.consume('ip:1'),
      await limiter.consume('ip:1'),
    ];
    expect(allowed).toEqual([
      { allowed: true, retryAfterSeconds: 0, remaining: 2 },
      { allowed: true, retryAfterSeconds: 0, remaining: 1 },
      { allowed: true, retryAfterSeconds: 0, remaining: 0 },
    ]);

    const denied = await limiter.consume('ip:1');
    expect(denied.allowed).toBe(false);
    expect(denied.remaining).toBe(0);
    expect(Number.isInteger(denied.retryAfterSeconds)).toBe(true);
    expect(denied.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(denied.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limiter.consume('ip:1')).allowed).toBe(false);
  });

  it('counts keys independently', async () => {
    const limiter = createMemoryRateLimiter('per-key', { points: 1, durationSeconds: 60 });
    expect((await limiter.consume('a')).allowed).toBe(true);
    expect((await limiter.consume('a')).allowed).toBe(false);
    expect((await limiter.consume('b')).allowed).toBe(true);
  });

  it('keeps limiters with different names apart', async () => {
    const signIn = createMemoryRateLimiter('sign-in-2', { points: 1, durationSeconds: 60 });
    const signUp = createMemoryRateLimiter('sign-up-2', { points: 1, durationSeconds: 60 });
    expect((await signIn.consume('k')).allowed).toBe(true);
    expect((await signIn.consume('k')).allowed).toBe(false);
    expect((await signUp.consume('k')).allowed).toBe(true);
  });

  it('reset clears a key', async () => {
    const limiter = createMemoryRateLimiter('reset', { points: 2, durationSeconds: 60 });
    await limiter.consume('u');
    await limiter.consume('u');
    await limiter.consume('other');
    await limiter.consume('other');
    expect((await limiter.consume('u')).allowed).toBe(false);

    await limiter.reset('u');
    expect(await limiter.consume('u')).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
      remaining: 1,
    });
    expect((await limiter.consume('other')).allowed).toBe(false);
    await expect(limiter.reset('never-seen')).resolves.toBeUndefined();
  });

  it('allows again once the window has passed', async () => {
    const limiter = createMemoryRateLimiter('window', { points: 1, durationSeconds: 1 });
    expect((await limiter.consume('k')).allowed).toBe(true);
    const denied = await limiter.consume('k');
    expect(denied).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await sleep(1_100);
    expect((await limiter.consume('k')).allowed).toBe(true);
  });
});
