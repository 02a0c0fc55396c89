import { isDeepStrictEqual } from 'node:util'

export interface Mutant {
  /** Stryker's mutator names: EqualityOperator, LogicalOperator, ConditionalExpression. */
  readonly mutator: string
  readonly description: string
  readonly source: string
}

export interface TestCase<A extends unknown[], R> {
  readonly args: A
  readonly expected: R
}

export interface MutationReport {
  readonly total: number
  readonly killed: number
  readonly survivors: readonly string[]
  /** killed / total * 100, as Stryker computes it when every mutant is covered and valid. */
  readonly score: number
}

const SWAPS: Record<string, [mutator: string, replacement: string]> = {
  '<': ['EqualityOperator', '<='],
  '<=': ['EqualityOperator', '<'],
  '>': ['EqualityOperator', '>='],
  '>=': ['EqualityOperator', '>'],
  '===': ['EqualityOperator', '!=='],
  '!==': ['EqualityOperator', '==='],
  '&&': ['LogicalOperator', '||'],
  '||': ['LogicalOperator', '&&'],
}

/**
 * Hand-rolled mutant generator for small functions. Like Stryker, it makes one small change per
 * mutant: swap an operator, or replace a comparison with `true`/`false`. Stryker does the same on a
 * real syntax tree, for dozens of operators, and runs only the tests that cover each mutant.
 */
export function generateMutants(source: string): Mutant[] {
  const mutants: Mutant[] = []
  const splice = (at: number, length: number, text: string) => source.slice(0, at) + text + source.slice(at + length)

  for (const match of source.matchAll(/===|!==|<=|>=|&&|\|\||(?<![=>])<|(?<![=>-])>/g)) {
    const swap = SWAPS[match[0]]
    if (!swap) continue
    const [mutator, replacement] = swap
    mutants.push({ mutator, description: `${mutator}: ${match[0]} → ${replacement}`, source: splice(match.index, match[0].length, replacement) })
  }
  for (const match of source.matchAll(/[\w.]+\s*(?:===|!==|<=|>=|<|>)\s*[\w.]+/g)) {
    for (const literal of ['true', 'false']) {
      mutants.push({
        mutator: 'ConditionalExpression',
        description: `ConditionalExpression: ${match[0]} → ${literal}`,
        source: splice(match.index, match[0].length, literal),
      })
    }
  }
  return mutants
}

/** Runs every case against every mutant of `fn`. A mutant is killed when at least one case fails or throws. */
export function runMutationTest<A extends unknown[], R>(fn: (...args: A) => R, cases: readonly TestCase<A, R>[]): MutationReport {
  // Stryker's "dry run": the suite must pass on the original code, or every result is meaningless.
  for (const { args, expected } of cases) {
    if (!isDeepStrictEqual(fn(...args), expected)) throw new Error(`Test case ${JSON.stringify(args)} fails on the original code`)
  }
  const mutants = generateMutants(fn.toString())
  const survivors = mutants.filter((mutant) => {
    const mutated = new Function(`return (${mutant.source})`)() as (...args: A) => R
    return cases.every(({ args, expected }) => {
      try {
        return isDeepStrictEqual(mutated(...args), expected)
      } catch {
        return false
      }
    })
  })
  const killed = mutants.length - survivors.length
  return {
    total: mutants.length,
    killed,
    survivors: survivors.map((m) => m.description),
    score: mutants.length === 0 ? 100 : Math.round((killed / mutants.length) * 1000) / 10,
  }
}
