import { setTimeout as sleep } from 'node:timers/promises'

export interface RetryOptions {
  /** Extra attempts after the first. @default 3 */
  readonly retries?: number
  /** Delay before the first retry, doubled each time. @default 100 */
  readonly baseMs?: number
  /** Upper bound for one delay. @default 5000 */
  readonly maxMs?: number
  readonly shouldRetry?: (error: unknown) => boolean
  readonly signal?: AbortSignal
  /** Injected for tests. @default Math.random */
  readonly random?: () => number
}

/** "Full jitter": a random delay between 0 and the exponential cap, so clients that failed together do not retry together. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt))
}

/** Calls `fn` until it succeeds, the error is not retryable, retries run out, or `signal` aborts. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = 3, baseMs = 100, maxMs = 5000, shouldRetry = () => true, signal, random = Math.random } = options
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted()
    try {
      return await fn(attempt)
    } catch (error) {
      if (attempt >= retries || !shouldRetry(error) || signal?.aborted) throw error
      // The signal also cancels the wait: Ctrl-C during a 5 s backoff stops at once.
      await sleep(backoffDelay(attempt, baseMs, maxMs, random), undefined, { signal })
    }
  }
}
