import { describe, it, expect } from 'vitest'
import { slowSink, writeAll, writeAllIgnoringBackpressure } from './backpressure.js'

const chunks = Array.from({ length: 50 }, (_, i) => ({ i }))

describe('step 3: backpressure', () => {
  it('piles every chunk into memory when write() is ignored', async () => {
    const sink = slowSink(1, 4)
    await writeAllIgnoringBackpressure(sink.stream, chunks)
    expect(sink.received).toHaveLength(50)
    expect(sink.peakBuffered).toBeGreaterThan(40)
  })

  it('never buffers more than highWaterMark chunks when it waits for drain', async () => {
    const sink = slowSink(1, 4)
    await writeAll(sink.stream, chunks)
    expect(sink.received).toEqual(chunks)
    expect(sink.peakBuffered).toBeLessThanOrEqual(4)
  })
})
