/**
 * Should a failed HTTP call be retried? Yes for 429 Too Many Requests and 5xx server errors, as long
 * as attempts remain. Small, but full of boundaries (429 exactly, 500 exactly, the last attempt):
 * the kind of code where tests that merely *run* it miss real bugs.
 */
export function isRetryable(status: number, attempt: number, maxAttempts: number): boolean {
  return attempt < maxAttempts && (status === 429 || status >= 500)
}
