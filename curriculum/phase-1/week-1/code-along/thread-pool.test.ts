import { describe, it, expect } from 'vitest'
import { hashAsync, hashSync, lookupDuringBlockedPool } from './thread-pool.js'
import { startTicker } from './loop-lag.js'

describe('step 3: the libuv thread pool', () => {
  it('keeps the event loop free while async hashes run on the pool', async () => {
    const ticker = startTicker(5)
    await Promise.all([hashAsync('a'), hashAsync('b'), hashAsync('c'), hashAsync('d')])
    ticker.stop()
    expect(ticker.ticks).toBeGreaterThan(0)
  })

  it('blocks the event loop when the same hashes run with the Sync API', () => {
    const ticker = startTicker(5)
    for (const pw of ['a', 'b', 'c', 'd']) hashSync(pw)
    const ticks = ticker.ticks
    ticker.stop()
    expect(ticks).toBe(0)
  })

  it.skipIf(process.platform === 'win32')(
    'makes dns.lookup wait while 4 stuck fs jobs hold all 4 default pool threads',
    async () => {
      expect(await lookupDuringBlockedPool(4, 4, 300)).toBe(false)
    },
  )

  it.skipIf(process.platform === 'win32')('lets dns.lookup through once UV_THREADPOOL_SIZE leaves a thread free', async () => {
    expect(await lookupDuringBlockedPool(5, 4, 3000)).toBe(true)
  })
})
