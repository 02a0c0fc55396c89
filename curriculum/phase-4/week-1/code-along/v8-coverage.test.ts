import { describe, it, expect } from 'vitest'
import { measureCoverage } from './v8-coverage.js'

// paging.ts's parsePaging with the types stripped: V8 measures JavaScript.
const parsePagingJs = `function parsePaging(query) {
  const limit = query.limit === undefined ? 20 : Number(query.limit)
  if (!Number.isInteger(limit) || limit < 1) return { ok: false, error: 'invalid-limit' }
  const offset = query.offset === undefined ? 0 : Number(query.offset)
  if (!Number.isInteger(offset) || offset < 0) return { ok: false, error: 'invalid-offset' }
  return { ok: true, value: { limit: Math.min(limit, 100), offset } }
}`

type ParsePaging = (query: { limit?: string; offset?: string }) => unknown

describe('step 4: line coverage versus branch coverage, from V8 counters', () => {
  it('two happy-path calls give 100% line coverage but leave both error branches unexecuted', async () => {
    const report = await measureCoverage<ParsePaging>(parsePagingJs, (parsePaging) => {
      parsePaging({})
      parsePaging({ limit: '500', offset: '10' })
    })
    expect(report.lines).toEqual({ covered: 6, total: 6 })
    expect(report.unexecutedBlocks).toEqual([
      "return { ok: false, error: 'invalid-limit' }",
      "return { ok: false, error: 'invalid-offset' }",
    ])
  })

  it('the edge cases from step 1 execute every block', async () => {
    const report = await measureCoverage<ParsePaging>(parsePagingJs, (parsePaging) => {
      parsePaging({})
      parsePaging({ limit: '500', offset: '10' })
      parsePaging({ limit: '0' })
      parsePaging({ offset: '-1' })
    })
    expect(report.lines).toEqual({ covered: 6, total: 6 })
    expect(report.unexecutedBlocks).toEqual([])
  })

  it('a line whose only statement never ran is not covered', async () => {
    const report = await measureCoverage<(n: number) => number>(
      `function sign(n) {
  if (n < 0) {
    return -1
  }
  return 1
}`,
      (sign) => sign(5),
    )
    expect(report.lines).toEqual({ covered: 3, total: 4 })
    expect(report.unexecutedBlocks).toEqual(['{\n    return -1\n  }'])
  })
})
