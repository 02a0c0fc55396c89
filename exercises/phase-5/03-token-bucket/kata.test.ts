import { describe, it, expect } from 'vitest';
import { TokenBucket } from './kata.js';

function clock(start = 0) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    set: (ms: number) => void (t = ms),
  };
}

function drain(bucket: TokenBucket): number {
  let n = 0;
  while (bucket.tryRemove()) n++;
  return n;
}

describe('TokenBucket', () => {
  it('starts full and allows a burst of exactly `capacity` requests', () => {
    const time = clock(10_000);
    const b = new TokenBucket({ capacity: 3, refillPerSecond: 1, now: time.now });
    expect([b.tryRemove(), b.tryRemove(), b.tryRemove(), b.tryRemove()]).toEqual([true, true, true, false]);
  });

  it('refills continuously: 2 tokens/s gives the next token after 500 ms, not before', () => {
    const time = clock();
    const b = new TokenBucket({ capacity: 5, refillPerSecond: 2, now: time.now });
    drain(b);
    time.advance(499);
    expect(b.tryRemove()).toBe(false);
    time.advance(1);
    expect(b.tryRemove()).toBe(true);
  });

  it('keeps fractional tokens between calls (10/s polled every 50 ms succeeds every 2nd poll)', () => {
    const time = clock();
    const b = new TokenBucket({ capacity: 10, refillPerSecond: 10, now: time.now });
    drain(b);
    const results: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      time.advance(50);
      results.push(b.tryRemove());
    }
    expect(results).toEqual([false, true, false, true, false, true]);
  });

  it('never refills above capacity, even after a long idle period', () => {
    const time = clock();
    const b = new TokenBucket({ capacity: 5, refillPerSecond: 100, now: time.now });
    drain(b);
    time.advance(60 * 60 * 1000);
    expect(b.available()).toBe(5);
    expect(drain(b)).toBe(5);
  });

  it('a failed tryRemove(n) removes nothing (all or nothing)', () => {
    const time = clock();
    const b = new TokenBucket({ capacity: 5, refillPerSecond: 1, now: time.now });
    b.tryRemove(3);
    expect(b.tryRemove(3)).toBe(false);
    expect(b.available()).toBe(2);
    expect(b.tryRemove(2)).toBe(true);
  });

  it('a clock that jumps backwards never removes tokens or over-credits later', () => {
    const time = clock(1_000);
    const b = new TokenBucket({ capacity: 5, refillPerSecond: 1, now: time.now });
    drain(b);
    time.set(500); // NTP stepped the clock back
    expect(b.available()).toBe(0);
    time.set(1_500); // only 500 ms past the last real refill
    expect(b.available()).toBeCloseTo(0.5, 9);
  });

  it('rejects invalid options and non-positive counts with RangeError', () => {
    const time = clock();
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1, now: time.now })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: 0, now: time.now })).toThrow(RangeError);
    const b = new TokenBucket({ capacity: 2, refillPerSecond: 1, now: time.now });
    b.tryRemove(2);
    expect(() => b.tryRemove(-5)).toThrow(RangeError);
    expect(() => b.tryRemove(0)).toThrow(RangeError);
    expect(b.available()).toBe(0);
  });

  it('msUntil(1) is 0 when a token is available and counts down as time passes', () => {
    const time = clock();
    const b = new TokenBucket({ capacity: 5, refillPerSecond: 2, now: time.now });
    expect(b.msUntil(1)).toBe(0);
    drain(b);
    expect(b.msUntil(1)).toBe(500);
    time.advance(200);
    const ms = b.msUntil(1);
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(ms).toBeLessThanOrEqual(301);
  });

  it('msUntil(n) for several tokens, and Infinity when n exceeds capacity', () => {
    const time = clock();
    const b = new TokenBucket({ capacity: 5, refillPerSecond: 2, now: time.now });
    drain(b);
    expect(b.msUntil(3)).toBe(1500);
    expect(b.msUntil(6)).toBe(Infinity);
    expect(b.tryRemove(6)).toBe(false);
  });

  it('waiting exactly msUntil(n) makes tryRemove(n) succeed', () => {
    const time = clock();
    const b = new TokenBucket({ capacity: 4, refillPerSecond: 3, now: time.now });
    drain(b);
    time.advance(100);
    const wait = b.msUntil(2);
    time.advance(wait);
    expect(b.tryRemove(2)).toBe(true);
  });
});
