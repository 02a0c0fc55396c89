import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest'
import { formatProgress, startProgress } from './progress.js'

describe('step 4: a progress line every 500 ms', () => {
  it.each([
    [{ done: 0, total: 10, bytes: 0 }, '[--------------------]   0% 0/10 0 B'],
    [{ done: 5, total: 10, bytes: 1536 }, '[##########----------]  50% 5/10 1.5 KiB'],
    [{ done: 10, total: 10, bytes: 3 * 1024 * 1024 }, '[####################] 100% 10/10 3.0 MiB'],
    [{ done: 0, total: 0, bytes: 0 }, '[####################] 100% 0/0 0 B'],
  ])('formats %o', (state, line) => {
    expect(formatProgress(state)).toBe(line)
  })

  describe('with fake timers', () => {
    beforeEach(() => {
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('renders on the interval, not on every item', () => {
      const lines: string[] = []
      const progress = startProgress(1000, { render: (line) => lines.push(line) })
      for (let i = 0; i < 1000; i++) progress.add(10)
      expect(lines).toHaveLength(0)
      vi.advanceTimersByTime(1500)
      expect(lines).toHaveLength(3)
      expect(lines[0]).toContain('1000/1000')
    })

    it('renders the final state once on stop and then stays quiet', () => {
      const lines: string[] = []
      const progress = startProgress(2, { intervalMs: 500, render: (line) => lines.push(line) })
      progress.add(1)
      progress.stop()
      vi.advanceTimersByTime(5000)
      expect(lines).toEqual(['[##########----------]  50% 1/2 1 B'])
    })
  })
})
