/** Resolves after `ms`; rejects with `signal.reason` if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Check first: an 'abort' listener added to an already-aborted signal never fires.
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer); // otherwise the timer keeps the process alive and fires for nobody
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      // A shared signal (e.g. server shutdown) lives long: leaving listeners on it is a leak.
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type FetchLike<T> = (url: string, init: { signal: AbortSignal }) => Promise<T>;

export interface FetchWithTimeoutOptions {
  timeoutMs: number;
  /** The caller's cancellation signal (request aborted, shutdown...). */
  signal?: AbortSignal;
}

/** Calls `fetchLike` with a signal that aborts on the caller's signal or after `timeoutMs`. */
export async function fetchWithTimeout<T>(
  fetchLike: FetchLike<T>,
  url: string,
  options: FetchWithTimeoutOptions,
): Promise<T> {
  const { timeoutMs, signal } = options;
  // Fail fast and do not even start the request if nobody wants the result.
  signal?.throwIfAborted();
  // AbortSignal.timeout aborts with a DOMException named 'TimeoutError'; AbortSignal.any keeps the
  // reason of whichever signal aborted first, so callers can tell a timeout from a cancellation.
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  return fetchLike(url, { signal: combined });
}
