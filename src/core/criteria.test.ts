import { describe, expect, it } from 'vitest';
import { describeFailure, figure, foldRuns, formatThreshold, holds, median, percentile, type Threshold } from './criteria.js';

describe('thresholds', () => {
  it.each<[number, Threshold, boolean]>([
    [49.9, { op: '<', value: 50 }, true],
    [50, { op: '<', value: 50 }, false],
    [50, { op: '<=', value: 50 }, true],
    [0, { op: '=', value: 0 }, true],
    [1, { op: '=', value: 0 }, false],
    [400, { op: 'between', min: 400, max: 600 }, true],
    [601, { op: 'between', min: 400, max: 600 }, false],
    [3, { op: '>=', value: 2 }, true],
    [2, { op: '>', value: 2 }, false],
  ])('%d against %j holds: %s', (value, threshold, expected) => {
    expect(holds(value, threshold)).toBe(expected);
  });

  it('formats thresholds and failures for one-line reasons', () => {
    expect(formatThreshold({ op: '<', value: 50 }, 'ms')).toBe('< 50 ms');
    expect(formatThreshold({ op: '=', value: 9871 }, 'pages')).toBe('= 9,871 pages');
    expect(formatThreshold({ op: 'between', min: 400, max: 600 }, 'ms')).toBe('400–600 ms');
    expect(describeFailure(figure('event-loop delay p99', 62.125, 'ms', { op: '<', value: 50 }))).toBe('event-loop delay p99 62.13 ms (needs < 50 ms)');
  });

  it('leaves reported-only figures unjudged', () => {
    expect(figure('peak RSS', 120, 'MB').pass).toBeNull();
  });
});

describe('median and percentile', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ])('median of %j is %d', (values, expected) => expect(median(values)).toBe(expected));

  it('percentile by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
  });
});

describe('folding repeated runs', () => {
  const lag = (ms: number) => figure('event-loop delay p99', ms, 'ms', { op: '<', value: 50 });

  it('reports the median and spread, and passes only if every run passed', () => {
    const r = foldRuns('p1.ac.x', 'X', [
      { id: 'p1.ac.x', figures: [lag(10), figure('peak RSS', 100, 'MB')], failures: [] },
      { id: 'p1.ac.x', figures: [lag(70), figure('peak RSS', 120, 'MB')], failures: [] },
      { id: 'p1.ac.x', figures: [lag(20), figure('peak RSS', 110, 'MB')], failures: [] },
    ]);
    expect(r.passed).toBe(false);
    expect(r.figures[0]).toMatchObject({ name: 'event-loop delay p99', value: 20, min: 10, max: 70, runs: [10, 70, 20], pass: false });
    expect(r.figures[1]).toMatchObject({ name: 'peak RSS', value: 110, pass: null });
    expect(r.reasons).toEqual(['run 2: event-loop delay p99 70 ms (needs < 50 ms)']);
  });

  it('passes when every run holds, with no reasons', () => {
    const r = foldRuns('p1.ac.x', 'X', [{ id: 'p1.ac.x', figures: [lag(10)], failures: [] }]);
    expect(r).toMatchObject({ passed: true, reasons: [] });
  });

  it('an explicit failure fails the criterion even when every figure holds', () => {
    const r = foldRuns('p1.ac.x', 'X', [{ id: 'p1.ac.x', figures: [lag(10)], failures: ['the scraper exited 1: boom'] }]);
    expect(r).toMatchObject({ passed: false, reasons: ['the scraper exited 1: boom'] });
  });

  it('no runs is a failure, not a pass', () => {
    expect(foldRuns('p1.ac.x', 'X', [])).toMatchObject({ passed: false, reasons: ['no run completed'] });
  });
});
