import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortProperties, type SortFn } from './kata.js';

const byNumber = (a: number, b: number) => a - b;

const correct: SortFn = (xs) => [...xs].sort(byNumber);

const bugs: Array<[string, SortFn]> = [
  ['sorts as strings, like the default sort() ([10, 9] stays [10, 9])', (xs) => [...xs].sort()],
  ['drops duplicate values', (xs) => [...new Set(xs)].sort(byNumber)],
  ['sorts by absolute value ([-5, 1] becomes [1, -5])', (xs) => [...xs].sort((a, b) => Math.abs(a) - Math.abs(b))],
  ['sorts in place and returns the input array', (xs) => (xs as number[]).sort(byNumber)],
  ['drops everything after the 16th element', (xs) => [...xs].sort(byNumber).slice(0, 16)],
];

const RUN = { seed: 4242, numRuns: 300 } as const;

/** True when at least one of the properties fails for this implementation. */
function caught(sort: SortFn): boolean {
  return sortProperties(sort).some((property) => fc.check(property, RUN).failed);
}

describe('sortProperties', () => {
  it('returns at least one fast-check property', () => {
    expect(sortProperties(correct).length).toBeGreaterThan(0);
  });

  it('every property passes for a correct sort (no false alarms)', () => {
    for (const property of sortProperties(correct)) {
      const details = fc.check(property, RUN);
      expect(details.failed, `a property failed for a correct sort, counterexample ${JSON.stringify(details.counterexample)}`).toBe(
        false,
      );
    }
  });

  it.each(bugs)('catches the bug: %s', (_name, buggySort) => {
    expect(caught(buggySort)).toBe(true);
  });
});
