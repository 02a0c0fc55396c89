import { describe, it, expect } from 'vitest'
import type { FetchOutcome } from './outcome.js'
import { lastFailure, startStopwatch, topHosts } from './report.js'
import type { Url } from './url.js'

const u = (s: string) => s as Url // test fixture shortcut: these literals are known-good
const outcomes: readonly FetchOutcome[] = [
  { kind: 'ok', url: u('https://a.example/1'), status: 200, bytes: 100 },
  { kind: 'http-error', url: u('https://b.example/x'), status: 500 },
  { kind: 'ok', url: u('https://b.example/1'), status: 200, bytes: 300 },
  { kind: 'ok', url: u('https://a.example/2'), status: 200, bytes: 250 },
  { kind: 'network-error', url: u('https://c.example/'), code: 'ETIMEDOUT' },
  { kind: 'ok', url: u('https://c.example/1'), status: 200, bytes: 10 },
]

describe('step 4: modern arrays and using', () => {
  it('ranks hosts by bytes without reordering the input', () => {
    const before = [...outcomes]
    expect(topHosts(outcomes, 2)).toEqual([
      { host: 'a.example', pages: 2, bytes: 350 },
      { host: 'b.example', pages: 1, bytes: 300 },
    ])
    expect(outcomes).toEqual(before)
  })

  it('finds the most recent failure', () => {
    expect(lastFailure(outcomes)).toMatchObject({ kind: 'network-error', code: 'ETIMEDOUT' })
    expect(lastFailure(outcomes.slice(0, 1))).toBeUndefined()
  })

  it('reports the stopwatch when the scope exits, even by throwing', () => {
    const reports: string[] = []
    let t = 0
    const clock = () => (t += 5)
    function work(fail: boolean) {
      using _sw = startStopwatch(fail ? 'failing' : 'ok', (label, ms) => reports.push(`${label} ${ms}ms`), clock)
      if (fail) throw new Error('boom')
    }
    work(false)
    expect(() => work(true)).toThrow('boom')
    expect(reports).toEqual(['ok 5ms', 'failing 5ms'])
  })
})
