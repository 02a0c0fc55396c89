export interface BackoffOptions {
  /** Delay cap before jitter of the first retry. @default 100 */
  readonly baseMs: number;
  /** Ceiling of any single delay. @default 5000 */
  readonly maxMs: number;
}

/**
 * Delay before retry number `attempt` (0-based): exponential backoff with full jitter, i.e. uniform in
 * [0, min(maxMs, baseMs·2^attempt)). Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter") spreads
 * retries of many clients instead of having them hit a recovering server in lockstep. `random` is injected so
 * tests are deterministic.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.floor(random() * cap);
}

/** Whether an HTTP status is worth retrying: server errors and rate limiting, never other client errors. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
