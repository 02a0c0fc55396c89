import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'

/** Burns CPU on the main thread for `ms` milliseconds: nothing else in this process can run meanwhile. */
export function busyWait(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // spin
  }
}

export interface Ticker {
  /** How many times the interval callback has run so far. */
  readonly ticks: number
  stop(): void
}

/** Counts interval callbacks: a cheap way to see whether the event loop is free to run timers. */
export function startTicker(intervalMs: number): Ticker {
  let ticks = 0
  const timer = setInterval(() => {
    ticks++
  }, intervalMs)
  return {
    get ticks() {
      return ticks
    },
    stop: () => clearInterval(timer),
  }
}

/**
 * Runs `work` for each item, but gives the event loop a turn (setImmediate) every `sliceMs` of CPU time,
 * so timers and I/O callbacks can run between slices. Returns the number of slices used.
 */
export async function runInSlices<T>(items: Iterable<T>, work: (item: T) => void, sliceMs = 5): Promise<number> {
  let slices = 1
  let sliceEnd = performance.now() + sliceMs
  for (const item of items) {
    work(item)
    if (performance.now() >= sliceEnd) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      slices++
      sliceEnd = performance.now() + sliceMs
    }
  }
  return slices
}

/** Runs `fn` while perf_hooks samples the event loop, and returns the worst delay seen, in milliseconds. */
export async function maxLoopDelayDuring(fn: () => void | Promise<void>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  await sleep(20) // let the sampler take a few normal samples first
  await fn()
  await sleep(20) // the delayed sample is only recorded once the loop gets a turn again
  histogram.disable()
  return histogram.max / 1e6 // the histogram is in nanoseconds
}
