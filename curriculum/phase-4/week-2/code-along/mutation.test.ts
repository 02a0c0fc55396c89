import { describe, it, expect } from 'vitest'
import { generateMutants, runMutationTest, type TestCase } from './mutation.js'
import { isRetryable } from './retry-policy.js'

type Args = [status: number, attempt: number, maxAttempts: number]

// A suite that reaches 100% line AND branch coverage of isRetryable...
const weakSuite: TestCase<Args, boolean>[] = [
  { args: [503, 1, 3], expected: true },
  { args: [404, 1, 3], expected: false },
  { args: [503, 3, 3], expected: false },
]

describe('step 1: mutants show what a covering suite does not check', () => {
  it('generates one small change per mutant', () => {
    const descriptions = generateMutants(isRetryable.toString()).map((m) => m.description)
    expect(descriptions).toContain('EqualityOperator: >= → >')
    expect(descriptions).toContain('LogicalOperator: && → ||')
    expect(descriptions).toContain('ConditionalExpression: status === 429 → false')
    expect(descriptions).toHaveLength(11)
  })

  it('the covering suite lets two mutants survive', () => {
    const report = runMutationTest(isRetryable, weakSuite)
    expect(report.survivors).toEqual(['EqualityOperator: >= → >', 'ConditionalExpression: status === 429 → false'])
    expect(report).toMatchObject({ total: 11, killed: 9, score: 81.8 })
  })

  it('refuses to run when the suite fails on the original code', () => {
    expect(() => runMutationTest(isRetryable, [{ args: [503, 1, 3], expected: false }])).toThrow(/fails on the original code/)
  })
})

describe('step 2: boundary tests kill the survivors', () => {
  it('500 exactly and 429 exactly bring the score to 100', () => {
    const report = runMutationTest(isRetryable, [
      ...weakSuite,
      { args: [500, 1, 3], expected: true }, // kills >= → >
      { args: [429, 1, 3], expected: true }, // kills status === 429 → false
    ])
    expect(report).toEqual({ total: 11, killed: 11, survivors: [], score: 100 })
  })
})
