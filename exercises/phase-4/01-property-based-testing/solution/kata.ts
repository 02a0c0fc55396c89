import fc from 'fast-check';

/** Should sort numbers ascending and return a new array, leaving the input unchanged. */
export type SortFn = (xs: readonly number[]) => number[];

export type SortProperty = fc.IPropertyWithHooks<[number[]]>;

// Two generator choices matter as much as the properties:
// - a small range (-50..50) makes duplicates and negative numbers common; among random 32-bit
//   integers a duplicate almost never shows up;
// - size 'medium' lets arrays grow to ~100 items; the default ('small') stops at 10, so a bug that
//   only appears on longer inputs would never be generated.
const numbers = fc.array(fc.integer({ min: -50, max: 50 }), { size: 'medium' });

/** Counts occurrences: equal multisets <=> same elements with the same multiplicities. */
function counts(xs: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Properties that every correct SortFn satisfies. */
export function sortProperties(sort: SortFn): SortProperty[] {
  return [
    // 1. Ordered: each element is <= the next (numerically — catches string and abs sorts).
    fc.property(numbers, (xs) => {
      const out = sort(xs);
      return out.every((x, i) => i === 0 || (out[i - 1] as number) <= x);
    }),

    // 2. A permutation: same elements, same counts (catches dropped duplicates and truncation).
    //    Ordered + permutation together define sorting — no reference implementation needed.
    fc.property(numbers, (xs) => {
      const out = sort(xs);
      const a = counts(xs);
      const b = counts(out);
      return out.length === xs.length && [...a].every(([x, n]) => b.get(x) === n);
    }),

    // 3. Pure: the input is unchanged and not returned (catches in-place sorting).
    fc.property(numbers, (xs) => {
      const before = [...xs];
      const out = sort(xs);
      return out !== xs && xs.length === before.length && xs.every((x, i) => Object.is(x, before[i]));
    }),
  ];
}
