import { randomUUID } from 'node:crypto'
import { Session } from 'node:inspector/promises'
import { runInThisContext } from 'node:vm'

interface Range {
  readonly startOffset: number
  readonly endOffset: number
  readonly count: number
}

export interface CoverageReport {
  readonly lines: { readonly covered: number; readonly total: number }
  /** Source text of every block V8 saw with a count of 0: branches no test took. */
  readonly unexecutedBlocks: readonly string[]
}

/**
 * Runs `exercise` against the JavaScript function in `source` and reads V8's own block counters,
 * the data @vitest/coverage-v8 and c8 start from. A line counts as covered when the code at its
 * start ran, which is how a one-line `if (x) return y` can be 100% "line covered" while `return y`
 * never ran.
 */
export async function measureCoverage<F>(source: string, exercise: (fn: F) => void): Promise<CoverageReport> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true })
    const filename = `measured-${randomUUID()}.js`
    exercise(runInThisContext(`(${source})`, { filename }) as F)
    const { result } = await session.post('Profiler.takePreciseCoverage')
    await session.post('Profiler.stopPreciseCoverage')
    const script = result.find((s) => s.url.endsWith(filename))
    if (!script) throw new Error(`V8 reported no coverage for ${filename}`)
    // Offsets are into `(${source})`; drop the wrapper's own range and shift by one.
    const ranges: Range[] = script.functions
      .flatMap((f) => f.ranges)
      .filter((r) => r.startOffset > 0)
      .map((r) => ({ ...r, startOffset: r.startOffset - 1, endOffset: r.endOffset - 1 }))
    return {
      lines: lineCoverage(source, ranges),
      unexecutedBlocks: ranges.filter((r) => r.count === 0).map((r) => source.slice(r.startOffset, r.endOffset).trim()),
    }
  } finally {
    session.disconnect()
  }
}

/** The count of the innermost range containing `offset`. */
function countAt(ranges: readonly Range[], offset: number): number {
  let best: Range | undefined
  for (const r of ranges) {
    const inside = r.startOffset <= offset && offset < r.endOffset
    if (inside && (!best || r.endOffset - r.startOffset < best.endOffset - best.startOffset)) best = r
  }
  return best?.count ?? 0
}

function lineCoverage(source: string, ranges: readonly Range[]): CoverageReport['lines'] {
  let offset = 0
  let covered = 0
  let total = 0
  for (const line of source.split('\n')) {
    const first = line.search(/[^\s})\];,]/) // skip blank lines and lines of closing brackets only
    if (first !== -1) {
      total++
      if (countAt(ranges, offset + first) > 0) covered++
    }
    offset += line.length + 1
  }
  return { covered, total }
}
