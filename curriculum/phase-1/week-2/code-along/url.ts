/** Success or an expected failure, as a value: callers must look before they use it. */
export type Result<T, E = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

declare const urlBrand: unique symbol
/**
 * A string that went through `parseUrl`. The brand exists only at compile time (no runtime cost):
 * a plain string is not assignable to `Url`, so "did anyone validate this?" is answered by the compiler.
 */
export type Url = string & { readonly [urlBrand]: true }

/** What a literal absolute http(s) URL looks like, checked by the compiler on string literals. */
export type HttpUrlLiteral = `http://${string}` | `https://${string}`

/**
 * Parses `input` (relative to `base` if given) into a normalised http(s) `Url`: lowercase host,
 * no `#fragment`. Anything else is an `{ ok: false }` value, never an exception.
 */
export function parseUrl(input: string, base?: Url | HttpUrlLiteral): Result<Url> {
  let url: URL
  try {
    url = new URL(input, base)
  } catch {
    return { ok: false, error: `not a URL: ${input}` }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `unsupported protocol: ${url.protocol}` }
  }
  url.hash = '' // fragments never reach the server: /a#x and /a#y are the same page
  return { ok: true, value: url.href as Url } // the one place allowed to create a Url
}

/** Type guard built on the Result shape: after `if (isOk(r))`, `r.value` is available. */
export function isOk<T, E>(result: Result<T, E>): result is { readonly ok: true; readonly value: T } {
  return result.ok
}
