import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../models/recent-cache.js';

describe('RecentCache', () => {
  it('keeps the last limit-to-twice-limit entries and forgets older ones', () => {
    const cache = new RecentCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // a and b move to the older generation
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, 2, 3]);
    cache.set('d', 4);
    cache.set('e', 5);
    cache.set('f', 6);
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('f')).toBe(6);
  });

  it('returns what it stores, so a miss is filled in one expression', () => {
    const cache = new RecentCache<string, number[]>(4);
    const value = [1];
    expect(cache.get('x') ?? cache.set('x', value)).toBe(value);
    expect(cache.get('x')).toBe(value);
  });
});
