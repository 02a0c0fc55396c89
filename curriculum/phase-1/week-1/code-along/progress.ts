export interface ProgressState {
  readonly done: number
  readonly total: number
  readonly bytes: number
}

/** Renders one progress line, e.g. `[##########----------]  50% 5/10 1.5 KiB`. Pure: easy to test. */
export function formatProgress({ done, total, bytes }: ProgressState, width = 20): string {
  const ratio = total === 0 ? 1 : Math.min(done / total, 1)
  const filled = Math.round(ratio * width)
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled)
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4)
  return `[${bar}] ${percent} ${done}/${total} ${formatBytes(bytes)}`
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

export interface Progress {
  /** Records one finished item of `bytes` bytes. Cheap: it only updates counters. */
  add(bytes: number): void
  /** Stops the timer and renders the final state once. */
  stop(): void
}

export interface ProgressOptions {
  /** @default 500 */
  readonly intervalMs?: number
  readonly render: (line: string) => void
}

/**
 * Reports progress on a fixed interval instead of on every item: 10 000 items finishing in a burst
 * cost 10 000 counter updates, not 10 000 terminal writes. The timer is unref'd so a forgotten
 * progress reporter never keeps the process alive.
 */
export function startProgress(total: number, { intervalMs = 500, render }: ProgressOptions): Progress {
  let done = 0
  let bytes = 0
  const timer = setInterval(() => render(formatProgress({ done, total, bytes })), intervalMs)
  timer.unref()
  return {
    add(size) {
      done++
      bytes += size
    },
    stop() {
      clearInterval(timer)
      render(formatProgress({ done, total, bytes }))
    },
  }
}
