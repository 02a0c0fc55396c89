import type { FetchOutcome } from './outcome.js'

export interface HostStats {
  readonly host: string
  readonly pages: number
  readonly bytes: number
}

/**
 * Bytes per host, largest first. `toSorted` (ES2023) returns a new array, so the input — maybe shared
 * with other code — is never reordered behind its owner's back, unlike `sort`.
 */
export function topHosts(outcomes: readonly FetchOutcome[], limit = 3): HostStats[] {
  const byHost = new Map<string, HostStats>()
  for (const outcome of outcomes) {
    if (outcome.kind !== 'ok') continue
    const host = new URL(outcome.url).host
    const prev = byHost.get(host) ?? { host, pages: 0, bytes: 0 }
    byHost.set(host, { host, pages: prev.pages + 1, bytes: prev.bytes + outcome.bytes })
  }
  return [...byHost.values()].toSorted((a, b) => b.bytes - a.bytes || a.host.localeCompare(b.host)).slice(0, limit)
}

/** The most recent failure, if any: `findLast` (ES2023) searches from the end without copying or reversing. */
export function lastFailure(outcomes: readonly FetchOutcome[]): FetchOutcome | undefined {
  return outcomes.findLast((o) => o.kind === 'http-error' || o.kind === 'network-error')
}

/**
 * A stopwatch that reports when its scope ends. With `using sw = startStopwatch(...)`, the dispose
 * method runs on every exit path (return or throw), like a try/finally you cannot forget.
 */
export function startStopwatch(label: string, report: (label: string, ms: number) => void, now = () => performance.now()): Disposable {
  const started = now()
  return {
    [Symbol.dispose]() {
      report(label, now() - started)
    },
  }
}
