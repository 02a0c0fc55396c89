import { describe, it, expect } from 'vitest';
import { percentile, summarize, histogramQuantile, type Bucket } from './kata.js';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('percentile (nearest rank)', () => {
  it('sorts numerically, not as strings', () => {
    expect(percentile([10, 9, 100, 2, 1000], 50)).toBe(10);
  });

  it('uses rank = ceil(p/100 * n): p50 of 1..10 is 5, p90 is 9, p95 is 10', () => {
    const s = [3, 1, 4, 10, 5, 9, 2, 6, 8, 7];
    expect(percentile(s, 50)).toBe(5);
    expect(percentile(s, 90)).toBe(9);
    expect(percentile(s, 95)).toBe(10);
  });

  it('p0 is the minimum and p100 the maximum', () => {
    expect(percentile([5, 3, 8], 0)).toBe(3);
    expect(percentile([5, 3, 8], 100)).toBe(8);
  });

  it('has no floating-point off-by-one: p7 of 1..100 is 7', () => {
    expect(percentile(oneToHundred, 7)).toBe(7);
    expect(percentile(oneToHundred, 99)).toBe(99);
  });

  it('does not reorder the caller\'s array', () => {
    const input = [30, 10, 20];
    percentile(input, 50);
    expect(input).toEqual([30, 10, 20]);
  });

  it('returns NaN for no samples and throws RangeError for p outside [0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('reports count, min, max, p50, p95 and p99', () => {
    const latencies = [...oneToHundred].reverse();
    expect(summarize(latencies)).toEqual({ count: 100, min: 1, max: 100, p50: 50, p95: 95, p99: 99 });
  });

  it('a single slow outlier shows up in p99 but not in p50', () => {
    const latencies = [...Array.from({ length: 99 }, () => 20), 2000];
    const s = summarize(latencies);
    expect(s.p50).toBe(20);
    expect(s.p99).toBe(20);
    expect(s.max).toBe(2000);
    const withTwo = summarize([...Array.from({ length: 98 }, () => 20), 2000, 2000]);
    expect(withTwo.p99).toBe(2000);
  });

  it('an empty input gives count 0 and NaN elsewhere', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.min).toBeNaN();
  });
});

describe('histogramQuantile (Prometheus rules)', () => {
  // 100 requests: 10 took <= 0.1 s, 30 took <= 0.25 s, 80 <= 0.5 s, 95 <= 1 s, all 100 <= +Inf.
  const buckets: Bucket[] = [
    { le: 0.1, count: 10 },
    { le: 0.25, count: 30 },
    { le: 0.5, count: 80 },
    { le: 1, count: 95 },
    { le: Infinity, count: 100 },
  ];

  it('interpolates linearly inside the bucket where the rank falls (p50 = 0.35)', () => {
    // rank 50 falls in (0.25, 0.5], which holds observations 31..80: 0.25 + 0.25 * 20/50
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.35, 10);
  });

  it('treats counts as cumulative (p95 lands exactly on the 1 s boundary)', () => {
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(1, 10);
    expect(histogramQuantile(0.9, buckets)).toBeCloseTo(0.5 + 0.5 * (10 / 15), 10);
  });

  it('the first bucket starts at 0', () => {
    expect(histogramQuantile(0.05, buckets)).toBeCloseTo(0.05, 10);
  });

  it('a quantile in the +Inf bucket returns the highest finite upper bound', () => {
    expect(histogramQuantile(0.99, buckets)).toBe(1);
  });

  it('accepts buckets in any order without mutating them', () => {
    const shuffled = [buckets[3], buckets[0], buckets[4], buckets[2], buckets[1]] as Bucket[];
    const copy = shuffled.map((b) => ({ ...b }));
    expect(histogramQuantile(0.5, shuffled)).toBeCloseTo(0.35, 10);
    expect(shuffled).toEqual(copy);
  });

  it('returns NaN without observations or without a +Inf bucket', () => {
    expect(histogramQuantile(0.5, [{ le: 0.1, count: 0 }, { le: Infinity, count: 0 }])).toBeNaN();
    expect(histogramQuantile(0.5, [{ le: 0.1, count: 3 }, { le: 1, count: 5 }])).toBeNaN();
  });

  it('q outside [0, 1] gives -Infinity / +Infinity, like Prometheus', () => {
    expect(histogramQuantile(-0.1, buckets)).toBe(-Infinity);
    expect(histogramQuantile(1.5, buckets)).toBe(Infinity);
  });

  it('a first bucket with a non-positive upper bound returns that bound', () => {
    const b: Bucket[] = [
      { le: -1, count: 4 },
      { le: 0, count: 6 },
      { le: 1, count: 10 },
      { le: Infinity, count: 10 },
    ];
    expect(histogramQuantile(0.2, b)).toBe(-1);
  });
});
