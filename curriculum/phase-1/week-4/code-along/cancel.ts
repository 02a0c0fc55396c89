export interface TimeoutOptions {
  readonly timeoutMs: number
  /** The caller's signal, e.g. aborted on Ctrl-C: cancels this request too. */
  readonly signal?: AbortSignal
}

/**
 * fetch() with a per-request timeout that also honours the caller's signal. `AbortSignal.any`
 * aborts as soon as either does; the error's `name` says which: 'TimeoutError' or 'AbortError'.
 */
export async function fetchText(url: string, { timeoutMs, signal }: TimeoutOptions): Promise<string> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])]
  const response = await fetch(url, { signal: AbortSignal.any(signals) })
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`)
  return response.text() // still covered by the signal: a stalled body is aborted too
}

/** True for errors caused by an AbortSignal (timeouts included), which callers usually should not retry. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')
}
