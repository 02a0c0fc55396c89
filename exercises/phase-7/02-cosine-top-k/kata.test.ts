import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cosineSimilarity, topK, type Doc } from './kata.js';

describe('cosineSimilarity', () => {
  it('computes known values: same direction 1, orthogonal 0, opposite -1, 45° ≈ 0.7071', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 5])).toBeCloseTo(0, 12);
    expect(cosineSimilarity([1, 2], [-1, -2])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('ignores magnitude (it is not the dot product)', () => {
    expect(cosineSimilarity([3, 4], [30, 40])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [10, 10])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('returns 0, not NaN, when either vector is all zeros', () => {
    expect(cosineSimilarity([0, 0, 0], [1, 2, 3])).toBe(0);
    expect(cosineSimilarity([1, 2, 3], [0, 0, 0])).toBe(0);
    expect(cosineSimilarity([0, 0], [0, 0])).toBe(0);
  });

  it('throws RangeError for different lengths or empty vectors', () => {
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => cosineSimilarity([], [])).toThrow(RangeError);
  });

  it('always stays within [-1, 1] despite rounding (property)', () => {
    const vec = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(vec, vec, (a, b) => {
        const s = cosineSimilarity(a, b);
        const self = cosineSimilarity(a, a);
        return s >= -1 && s <= 1 && self >= -1 && self <= 1;
      }),
      { numRuns: 500 },
    );
    const v = [0.1, 0.2, 0.3, 0.7, 0.05];
    expect(cosineSimilarity(v, v)).toBeLessThanOrEqual(1);
  });
});

describe('topK', () => {
  const docs: Doc[] = [
    { id: 'long-but-off', vector: [10, 10] },
    { id: 'exact', vector: [1, 0] },
    { id: 'opposite', vector: [-1, 0] },
    { id: 'orthogonal', vector: [0, 1] },
  ];

  it('ranks by cosine, so a long vector pointing elsewhere does not win', () => {
    expect(topK([1, 0], docs, 2).map((h) => h.id)).toEqual(['exact', 'long-but-off']);
  });

  it('returns scores with the hits, best first', () => {
    const hits = topK([1, 0], docs, 4);
    expect(hits.map((h) => h.id)).toEqual(['exact', 'long-but-off', 'orthogonal', 'opposite']);
    expect(hits[0]?.score).toBeCloseTo(1, 12);
    expect(hits[3]?.score).toBeCloseTo(-1, 12);
  });

  it('breaks ties by id ascending, whatever the input order', () => {
    const tied: Doc[] = [
      { id: 'c', vector: [0, 1] },
      { id: 'a', vector: [0, 2] },
      { id: 'b', vector: [0, 4] },
    ];
    expect(topK([0, 1], tied, 3).map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('ranks a zero vector as score 0 without breaking the order', () => {
    const withZero: Doc[] = [
      { id: 'zero', vector: [0, 0] },
      { id: 'good', vector: [1, 0.1] },
      { id: 'bad', vector: [-1, 0] },
    ];
    const hits = topK([1, 0], withZero, 3);
    expect(hits.map((h) => h.id)).toEqual(['good', 'zero', 'bad']);
    expect(hits[1]?.score).toBe(0);
  });

  it('a zero query scores everything 0 and falls back to id order', () => {
    expect(topK([0, 0], docs, 4).map((h) => h.id)).toEqual(['exact', 'long-but-off', 'opposite', 'orthogonal']);
  });

  it('handles k edge cases: k <= 0 gives [], k > docs gives all', () => {
    expect(topK([1, 0], docs, 0)).toEqual([]);
    expect(topK([1, 0], docs, -3)).toEqual([]);
    expect(topK([1, 0], docs, 100)).toHaveLength(4);
    expect(topK([1, 0], [], 5)).toEqual([]);
  });

  it('filters by minScore (inclusive)', () => {
    expect(topK([1, 0], docs, 10, { minScore: 0.7 }).map((h) => h.id)).toEqual(['exact', 'long-but-off']);
    expect(topK([1, 0], docs, 10, { minScore: 1 }).map((h) => h.id)).toEqual(['exact']);
  });

  it('throws RangeError naming the doc when dimensions differ', () => {
    expect(() => topK([1, 0], [...docs, { id: 'other-model', vector: [1, 0, 0] }], 2)).toThrow(/other-model/);
  });

  it('does not reorder the caller\'s docs', () => {
    const copy = docs.map((d) => d.id);
    topK([1, 0], docs, 4);
    expect(docs.map((d) => d.id)).toEqual(copy);
  });
});
