import { parseUrl, type Url } from './url.js'

/** Every way one fetch can end. `kind` is the discriminant: switch on it and TypeScript narrows. */
export type FetchOutcome =
  | { readonly kind: 'ok'; readonly url: Url; readonly status: number; readonly bytes: number }
  | { readonly kind: 'redirect'; readonly url: Url; readonly status: number; readonly location: Url }
  | { readonly kind: 'http-error'; readonly url: Url; readonly status: number }
  | { readonly kind: 'network-error'; readonly url: Url; readonly code: string }

export type OutcomeKind = FetchOutcome['kind'] // 'ok' | 'redirect' | 'http-error' | 'network-error'

/** Turns a raw response into an outcome. A redirect without a usable Location is an error, not a redirect. */
export function classifyResponse(url: Url, status: number, headers: Headers, bytes: number): FetchOutcome {
  if (status >= 300 && status < 400) {
    const raw = headers.get('location')
    const location = raw ? parseUrl(raw, url) : null
    return location?.ok
      ? { kind: 'redirect', url, status, location: location.value }
      : { kind: 'http-error', url, status }
  }
  if (status >= 400) return { kind: 'http-error', url, status }
  return { kind: 'ok', url, status, bytes }
}

/** Retry only what may succeed next time: network failures, 429 and 5xx. */
export function isRetryable(outcome: FetchOutcome): boolean {
  switch (outcome.kind) {
    case 'network-error':
      return true
    case 'http-error':
      return outcome.status === 429 || outcome.status >= 500
    case 'ok':
    case 'redirect':
      return false
    default:
      return assertNever(outcome)
  }
}

export function describeOutcome(outcome: FetchOutcome): string {
  switch (outcome.kind) {
    case 'ok':
      return `${outcome.status} ${outcome.url} (${outcome.bytes} bytes)`
    case 'redirect':
      return `${outcome.status} ${outcome.url} -> ${outcome.location}`
    case 'http-error':
      return `${outcome.status} ${outcome.url}`
    case 'network-error':
      return `${outcome.code} ${outcome.url}`
    default:
      // Add a fifth kind and this line stops compiling: the switch is no longer exhaustive.
      return assertNever(outcome)
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`)
}
