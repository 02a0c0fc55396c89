// Run: npx tsx curriculum/phase-1/week-1/code-along/main.ts
// Simulates 10 000 small "requests" plus a few thread-pool hashes, with a progress line every 500 ms,
// and reports the worst event-loop delay seen while doing it.
import { setTimeout as sleep } from 'node:timers/promises'
import { maxLoopDelayDuring } from './loop-lag.js'
import { startProgress } from './progress.js'
import { hashAsync } from './thread-pool.js'

const TOTAL = 10_000

const worstDelay = await maxLoopDelayDuring(async () => {
  const progress = startProgress(TOTAL, { render: (line) => process.stderr.write(`\r${line}`) })
  const hashes = Array.from({ length: 8 }, (_, i) => hashAsync(`pw${i}`))
  await Promise.all(
    Array.from({ length: TOTAL }, async (_, i) => {
      await sleep(Math.floor(Math.random() * 2000)) // stands in for network latency
      progress.add(500 + (i % 1000))
    }),
  )
  await Promise.all(hashes)
  progress.stop()
})
process.stderr.write(`\nworst event-loop delay: ${worstDelay.toFixed(1)} ms\n`)
