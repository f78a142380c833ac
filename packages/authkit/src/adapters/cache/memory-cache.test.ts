import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './memory-cache.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createMemoryCache', () => {
  it('returns what was set and undefined for unknown keys', async () => {
    const cache = createMemoryCache();
    await cache.set('a', { n: 1 }, 60);
    await cache.set('b', 'text', 60);
    expect(await cache.get<{ n: number }>('a')).toEqual({ n: 1 });
    expect(await cache.get<string>('b')).toBe('text');
    expect(await cache.get('missing')).toBeUndefined();
  });

  it('stores falsy values as hits, not misses', async () => {
    const cache = createMemoryCache();
    await cache.set('zero', 0, 60);
    await cache.set('false', false, 60);
    await cache.set('empty', '', 60);
    await cache.set('null', null, 60);
    expect(await cache.get('zero')).toBe(0);
    expect(await cache.get('false')).toBe(false);
    expect(await cache.get('empty')).toBe('');
    expect(await cache.get('null')).toBeNull();
  });

  it('expires an entry after its TTL and keeps longer-lived ones', async () => {
    const cache = createMemoryCache();
    await cache.set('short', 'x', 0.2);
    await cache.set('long', 'y', 60);
    expect(await cache.get('short')).toBe('x');
    await sleep(350);
    expect(await cache.get('short')).toBeUndefined();
    expect(await cache.get('long')).toBe('y');
  });

  it('a second set replaces the value and restarts the TTL', async () => {
    const cache = createMemoryCache();
    await cache.set('k', 'first', 0.2);
    await cache.set('k', 'second', 60);
    await sleep(350);
    expect(await cache.get('k')).toBe('second');
  });

  it('deletes an entry', async () => {
    const cache = createMemoryCache();
    await cache.set('k', 'v', 60);
    await cache.set('other', 'w', 60);
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.get('other')).toBe('w');
    await expect(cache.delete('never-set')).resolves.toBeUndefined();
  });

  it('evicts the least recently used entry beyond max', async () => {
    const cache = createMemoryCache({ max: 2 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    expect(await cache.get('a')).toBe(1); // a is now the most recently used
    await cache.set('c', 3, 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('c')).toBe(3);
  });

  it('keeps separate caches separate', async () => {
    const one = createMemoryCache();
    const two = createMemoryCache();
    await one.set('k', 'one', 60);
    expect(await two.get('k')).toBeUndefined();
  });
});
