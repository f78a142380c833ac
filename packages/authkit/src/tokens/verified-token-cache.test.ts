import { describe, expect, it } from 'vitest';
import type { AccessTokenClaims } from '../domain/types.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const claims = (exp: number) => ({ sub: 'usr_1', sid: 'ses_1', exp }) as AccessTokenClaims;

describe('VerifiedTokenCache', () => {
  it('remembers a token until its exp on the caller’s clock, then forgets it', () => {
    const cache = new VerifiedTokenCache();
    const now = new Date('2026-01-01T00:00:00Z');
    const exp = now.getTime() / 1000 + 60;
    cache.set('t1', claims(exp), now);
    expect(cache.get('t1', new Date(now.getTime() + 59_000))?.sub).toBe('usr_1');
    expect(cache.get('t1', new Date(now.getTime() + 60_000))).toBeUndefined();
    expect(cache.get('t1', now)).toBeUndefined(); // dropped once seen expired
  });

  it('never stores an already expired token, and stays bounded', () => {
    const cache = new VerifiedTokenCache(2);
    const now = new Date();
    cache.set('old', claims(now.getTime() / 1000 - 1), now);
    expect(cache.get('old', now)).toBeUndefined();
    for (const t of ['a', 'b', 'c']) cache.set(t, claims(now.getTime() / 1000 + 60), now);
    expect(cache.get('a', now)).toBeUndefined();
    expect(cache.get('c', now)).toBeDefined();
  });
});
