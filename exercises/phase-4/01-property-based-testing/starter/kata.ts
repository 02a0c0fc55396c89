import fc from 'fast-check';

/** Should sort numbers ascending and return a new array, leaving the input unchanged. */
export type SortFn = (xs: readonly number[]) => number[];

export type SortProperty = fc.IPropertyWithHooks<[number[]]>;

/** Properties that every correct SortFn satisfies. */
export function sortProperties(sort: SortFn): SortProperty[] {
  return [
    // TODO: this is true of every bug too. Write properties that pin the behaviour down.
    fc.property(fc.array(fc.integer()), (xs) => Array.isArray(sort(xs))),
  ];
}
