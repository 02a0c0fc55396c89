import { describe, it, expect } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { busyWait, maxLoopDelayDuring, runInSlices, startTicker } from './loop-lag.js'

describe('step 2: blocking the loop, and not blocking it', () => {
  it('runs no timer callback while synchronous code holds the main thread', () => {
    const ticker = startTicker(5)
    busyWait(100)
    const ticks = ticker.ticks
    ticker.stop()
    expect(ticks).toBe(0)
  })

  it('lets timers run between slices when the same work yields with setImmediate', async () => {
    const ticker = startTicker(5)
    const slices = await runInSlices(Array.from({ length: 100 }, (_, i) => i), () => busyWait(1), 5)
    ticker.stop()
    expect(slices).toBeGreaterThan(5)
    expect(ticker.ticks).toBeGreaterThanOrEqual(5)
  })

  it('sees a 200 ms block in the event-loop delay histogram', async () => {
    const worst = await maxLoopDelayDuring(() => busyWait(200))
    expect(worst).toBeGreaterThan(150)
  })

  it('sees no such delay when the work is asynchronous', async () => {
    const worst = await maxLoopDelayDuring(() => sleep(120))
    expect(worst).toBeLessThan(100)
  })
})
