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

/**
 * The wait a `Retry-After` header asks for, in ms (RFC 9110 §10.2.3): either delay-seconds (digits only) or an
 * HTTP-date, read against `nowMs` (wall-clock ms since the epoch). A date in the past means "now" (0); anything
 * else unreadable is undefined, so the caller falls back to its own backoff. The caller caps the result: a
 * server may not park the crawl for a day.
 */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // The three HTTP-date forms: IMF-fixdate and the obsolete RFC 850 form say GMT; asctime does not, and Date.parse
  // would read it as local time, so it gets its GMT here. Anything else ("1.5", "soon") is not a date.
  const at = /^[A-Za-z]{3,9}, [\d]{2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/.test(value)
    ? Date.parse(value)
    : /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(value)
      ? Date.parse(`${value} GMT`)
      : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
