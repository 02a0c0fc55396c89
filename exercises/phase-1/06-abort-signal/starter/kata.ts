/** Resolves after `ms`; rejects with `signal.reason` if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  void signal; // TODO: honour the signal, and clean up on both paths
  return new Promise((resolve) => setTimeout(resolve, ms));
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
  // TODO: the caller's signal is ignored here.
  return fetchLike(url, { signal: AbortSignal.timeout(options.timeoutMs) });
}
