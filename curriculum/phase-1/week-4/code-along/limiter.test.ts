import { describe, it, expect } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { createLimiter, mapConcurrent } from './limiter.js'

describe('step 1: a concurrency limiter', () => {
  it('never runs more than `concurrency` tasks at once', async () => {
    const limit = createLimiter(3)
    let running = 0
    let peak = 0
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limit(async () => {
          running++
          peak = Math.max(peak, running)
          await sleep(2)
          running--
        }),
      ),
    )
    expect(peak).toBe(3)
  })

  it('exposes how many tasks are active and queued (for a progress line)', async () => {
    const limit = createLimiter(2)
    const tasks = [limit(() => sleep(10)), limit(() => sleep(10)), limit(() => sleep(10))]
    expect([limit.active, limit.pending]).toEqual([2, 1])
    await Promise.all(tasks)
    expect([limit.active, limit.pending]).toEqual([0, 0])
  })

  it('frees the slot of a failed task so the queue keeps moving', async () => {
    const limit = createLimiter(1)
    const failed = limit(() => Promise.reject(new Error('boom')))
    const next = limit(async () => 'still runs')
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toBe('still runs')
  })

  it('returns results in input order, whatever order they finish in', async () => {
    const delays = [30, 5, 20, 1, 10]
    const results = await mapConcurrent(delays, 3, async (ms, i) => {
      await sleep(ms)
      return `#${i}`
    })
    expect(results).toEqual(['#0', '#1', '#2', '#3', '#4'])
  })

  it('gets through 10 000 tasks with 100 in flight', async () => {
    const results = await mapConcurrent(
      Array.from({ length: 10_000 }, (_, i) => i),
      100,
      async (n) => n * 2,
    )
    expect(results).toHaveLength(10_000)
    expect(results[9_999]).toBe(19_998)
  })

  it('starts no new task after the signal aborts', async () => {
    const controller = new AbortController()
    const started: number[] = []
    const run = mapConcurrent([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n)
      if (n === 2) controller.abort()
      await sleep(5)
      return n
    }, controller.signal)
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(started).toEqual([1, 2])
  })
})
