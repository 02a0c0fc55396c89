import { describe, it, expect } from 'vitest';
import { LruCache } from './kata.js';

describe('LruCache — capacity and recency', () => {
  it('returns stored values and undefined for missing keys', () => {
    const c = new LruCache<string, number>({ capacity: 2 });
    c.set('a', 1);
    expect(c.get('a')).toBe(1);
    expect(c.get('zzz')).toBeUndefined();
  });

  it('evicts the least recently used entry when full', () => {
    const c = new LruCache<string, number>({ capacity: 3 });
    c.set('a', 1).set('b', 2).set('c', 3).set('d', 4);
    expect(c.has('a')).toBe(false);
    expect(c.keys()).toEqual(['b', 'c', 'd']);
    expect(c.size).toBe(3);
  });

  it('get() makes an entry most recently used, so it survives the next eviction', () => {
    const c = new LruCache<string, number>({ capacity: 3 });
    c.set('a', 1).set('b', 2).set('c', 3);
    c.get('a');
    c.set('d', 4);
    expect(c.has('a')).toBe(true);
    expect(c.has('b')).toBe(false);
    expect(c.keys()).toEqual(['c', 'a', 'd']);
  });

  it('set() on an existing key updates the value, refreshes recency and does not evict', () => {
    const c = new LruCache<string, number>({ capacity: 3 });
    c.set('a', 1).set('b', 2).set('c', 3);
    c.set('a', 10);
    expect(c.size).toBe(3);
    expect(c.keys()).toEqual(['b', 'c', 'a']);
    c.set('d', 4);
    expect(c.get('a')).toBe(10);
    expect(c.has('b')).toBe(false);
  });

  it('has() does not change recency', () => {
    const c = new LruCache<string, number>({ capacity: 2 });
    c.set('a', 1).set('b', 2);
    expect(c.has('a')).toBe(true);
    c.set('c', 3);
    expect(c.has('a')).toBe(false);
    expect(c.keys()).toEqual(['b', 'c']);
  });

  it('caches falsy values (0, empty string, false)', () => {
    const c = new LruCache<string, number | string | boolean>({ capacity: 3 });
    c.set('zero', 0).set('empty', '').set('no', false);
    expect(c.get('zero')).toBe(0);
    expect(c.get('empty')).toBe('');
    expect(c.get('no')).toBe(false);
    expect(c.has('zero')).toBe(true);
    expect(c.size).toBe(3);
  });

  it('a falsy value still counts as "used" when read', () => {
    const c = new LruCache<string, number>({ capacity: 2 });
    c.set('zero', 0).set('one', 1);
    c.get('zero');
    c.set('two', 2);
    expect(c.keys()).toEqual(['zero', 'two']);
  });

  it('delete() removes an entry and reports whether it existed', () => {
    const c = new LruCache<string, number>({ capacity: 2 });
    c.set('a', 1);
    expect(c.delete('a')).toBe(true);
    expect(c.delete('a')).toBe(false);
    expect(c.size).toBe(0);
  });

  it('rejects a capacity that is not a positive integer with a RangeError', () => {
    expect(() => new LruCache({ capacity: 0 })).toThrow(RangeError);
    expect(() => new LruCache({ capacity: -1 })).toThrow(RangeError);
    expect(() => new LruCache({ capacity: 1.5 })).toThrow(RangeError);
  });
});

describe('LruCache — TTL with an injected clock', () => {
  function clock(start = 0) {
    let t = start;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  }

  it('an entry is live before ttlMs has passed and expired at exactly t + ttlMs', () => {
    const time = clock(1_000);
    const c = new LruCache<string, string>({ capacity: 10, ttlMs: 500, now: time.now });
    c.set('k', 'v');
    time.advance(499);
    expect(c.get('k')).toBe('v');
    time.advance(1);
    expect(c.get('k')).toBeUndefined();
    expect(c.has('k')).toBe(false);
  });

  it('get() does not extend the TTL', () => {
    const time = clock();
    const c = new LruCache<string, string>({ capacity: 10, ttlMs: 1000, now: time.now });
    c.set('k', 'v');
    time.advance(900);
    expect(c.get('k')).toBe('v');
    time.advance(101);
    expect(c.get('k')).toBeUndefined();
  });

  it('set() restarts the TTL', () => {
    const time = clock();
    const c = new LruCache<string, string>({ capacity: 10, ttlMs: 1000, now: time.now });
    c.set('k', 'v1');
    time.advance(900);
    c.set('k', 'v2');
    time.advance(900);
    expect(c.get('k')).toBe('v2');
  });

  it('expired entries are not counted in size or listed in keys()', () => {
    const time = clock();
    const c = new LruCache<string, number>({ capacity: 10, ttlMs: 100, now: time.now });
    c.set('old', 1);
    time.advance(50);
    c.set('new', 2);
    time.advance(60);
    expect(c.keys()).toEqual(['new']);
    expect(c.size).toBe(1);
  });

  it('without ttlMs entries never expire', () => {
    const time = clock();
    const c = new LruCache<string, number>({ capacity: 10, now: time.now });
    c.set('k', 1);
    time.advance(1e12);
    expect(c.get('k')).toBe(1);
  });
});
