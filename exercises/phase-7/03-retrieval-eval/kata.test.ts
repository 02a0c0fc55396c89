import { describe, it, expect } from 'vitest';
import { evaluateRetrieval, type Labels, type RankedResult } from './kata.js';

describe('evaluateRetrieval', () => {
  const labels: Labels = {
    q1: ['d1'],
    q2: ['d4', 'd5'],
    q3: ['d9'],
  };
  const results: RankedResult[] = [
    { queryId: 'q1', retrieved: ['d1', 'd2', 'd3'] }, // first relevant at rank 1
    { queryId: 'q2', retrieved: ['d6', 'd5', 'd7'] }, // 1 of 2 relevant, first at rank 2
    { queryId: 'q3', retrieved: ['d2', 'd3', 'd4'] }, // nothing relevant
  ];

  it('computes per-query recall, hit and reciprocal rank', () => {
    const report = evaluateRetrieval(results, labels, 3);
    expect(report.perQuery).toEqual([
      { queryId: 'q1', recall: 1, hit: true, reciprocalRank: 1 },
      { queryId: 'q2', recall: 0.5, hit: true, reciprocalRank: 0.5 },
      { queryId: 'q3', recall: 0, hit: false, reciprocalRank: 0 },
    ]);
  });

  it('macro-averages the per-query metrics', () => {
    const report = evaluateRetrieval(results, labels, 3);
    expect(report.k).toBe(3);
    expect(report.queries).toBe(3);
    expect(report.recallAtK).toBeCloseTo(0.5, 12); // (1 + 0.5 + 0) / 3
    expect(report.hitRateAtK).toBeCloseTo(2 / 3, 12);
    expect(report.mrrAtK).toBeCloseTo(0.5, 12); // (1 + 0.5 + 0) / 3
  });

  it('is a macro average, not a micro average over all relevant ids', () => {
    const report = evaluateRetrieval(
      [
        { queryId: 'a', retrieved: ['x'] },
        { queryId: 'b', retrieved: ['r1'] },
      ],
      { a: ['x'], b: ['r1', 'r2', 'r3', 'r4'] },
      5,
    );
    expect(report.recallAtK).toBeCloseTo((1 + 0.25) / 2, 12); // micro would be 2/5 = 0.4
  });

  it('ignores everything beyond k', () => {
    const report = evaluateRetrieval([{ queryId: 'q', retrieved: ['a', 'b', 'rel'] }], { q: ['rel'] }, 2);
    expect(report.perQuery[0]).toEqual({ queryId: 'q', recall: 0, hit: false, reciprocalRank: 0 });
  });

  it('counts a labelled query without results as zeros (it is not left out of the average)', () => {
    const report = evaluateRetrieval([{ queryId: 'q1', retrieved: ['d1'] }], labels, 3);
    expect(report.queries).toBe(3);
    expect(report.recallAtK).toBeCloseTo(1 / 3, 12);
    expect(report.perQuery.map((q) => q.queryId)).toEqual(['q1', 'q2', 'q3']);
  });

  it('never lets duplicates push recall above 1; a duplicate still uses a slot', () => {
    const report = evaluateRetrieval([{ queryId: 'q', retrieved: ['d1', 'd1', 'd1', 'd2'] }], { q: ['d1', 'd2'] }, 3);
    expect(report.perQuery[0]?.recall).toBe(0.5);
    const full = evaluateRetrieval([{ queryId: 'q', retrieved: ['d1', 'd1', 'd1', 'd2'] }], { q: ['d1', 'd2'] }, 4);
    expect(full.perQuery[0]?.recall).toBe(1);
  });

  it('skips queries with no relevant ids and results for unlabelled queries', () => {
    const report = evaluateRetrieval(
      [
        { queryId: 'q1', retrieved: ['d1'] },
        { queryId: 'unlabelled', retrieved: ['zzz'] },
      ],
      { q1: ['d1'], empty: [] },
      1,
    );
    expect(report.queries).toBe(1);
    expect(report.perQuery.map((q) => q.queryId)).toEqual(['q1']);
    expect(report.mrrAtK).toBe(1);
  });

  it('uses the rank of the FIRST relevant result for MRR', () => {
    const report = evaluateRetrieval([{ queryId: 'q', retrieved: ['x', 'y', 'r2', 'r1'] }], { q: ['r1', 'r2'] }, 4);
    expect(report.perQuery[0]?.reciprocalRank).toBeCloseTo(1 / 3, 12);
  });

  it('rejects a non-positive or fractional k, and an empty label set', () => {
    expect(() => evaluateRetrieval(results, labels, 0)).toThrow(RangeError);
    expect(() => evaluateRetrieval(results, labels, 2.5)).toThrow(RangeError);
    expect(() => evaluateRetrieval(results, {}, 3)).toThrow(RangeError);
  });
});
