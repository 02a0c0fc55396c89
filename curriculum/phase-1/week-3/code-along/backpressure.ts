import { once } from 'node:events'
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'

export interface SlowSink {
  readonly stream: Writable
  readonly received: unknown[]
  /** The largest number of chunks that were ever waiting in the stream's buffer. */
  readonly peakBuffered: number
}

/** An object-mode Writable that takes `delayMs` per chunk, like a slow disk or a slow database. */
export function slowSink(delayMs: number, highWaterMark: number): SlowSink {
  const received: unknown[] = []
  let peakBuffered = 0
  const stream = new Writable({
    objectMode: true,
    highWaterMark,
    write(this: Writable, chunk: unknown, _encoding, callback) {
      // writableLength = chunks accepted by write() but not yet fully processed (including this one).
      peakBuffered = Math.max(peakBuffered, this.writableLength)
      received.push(chunk)
      sleep(delayMs).then(() => callback(), callback)
    },
  })
  return {
    stream,
    received,
    get peakBuffered() {
      return peakBuffered
    },
  }
}

/** Ignores write()'s return value: every chunk piles up in memory while the sink is slow. */
export async function writeAllIgnoringBackpressure(stream: Writable, chunks: Iterable<unknown>): Promise<void> {
  for (const chunk of chunks) stream.write(chunk)
  stream.end()
  await once(stream, 'finish')
}

/** Respects backpressure: when write() returns false, wait for 'drain' before writing more. */
export async function writeAll(stream: Writable, chunks: Iterable<unknown>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
  stream.end()
  await once(stream, 'finish')
}
