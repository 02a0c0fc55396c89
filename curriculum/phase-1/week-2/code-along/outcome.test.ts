import { describe, it, expect } from 'vitest'
import { classifyResponse, describeOutcome, isRetryable, type FetchOutcome } from './outcome.js'
import { parseUrl, type Url } from './url.js'

function url(input: string): Url {
  const result = parseUrl(input)
  if (!result.ok) throw new Error(result.error)
  return result.value
}
const page = url('https://example.com/a')

describe('step 2: a discriminated union of outcomes', () => {
  it('classifies a 200 as ok with its size', () => {
    expect(classifyResponse(page, 200, new Headers(), 512)).toEqual({ kind: 'ok', url: page, status: 200, bytes: 512 })
  })

  it('resolves a relative Location header on a redirect', () => {
    const outcome = classifyResponse(page, 301, new Headers({ location: '/b' }), 0)
    expect(outcome).toEqual({ kind: 'redirect', url: page, status: 301, location: 'https://example.com/b' })
  })

  it('treats a redirect without a Location header as an http error', () => {
    expect(classifyResponse(page, 302, new Headers(), 0)).toEqual({ kind: 'http-error', url: page, status: 302 })
  })

  it.each<[FetchOutcome, boolean]>([
    [{ kind: 'network-error', url: page, code: 'ECONNRESET' }, true],
    [{ kind: 'http-error', url: page, status: 503 }, true],
    [{ kind: 'http-error', url: page, status: 429 }, true],
    [{ kind: 'http-error', url: page, status: 404 }, false],
    [{ kind: 'ok', url: page, status: 200, bytes: 1 }, false],
  ])('retry %o? %s', (outcome, expected) => {
    expect(isRetryable(outcome)).toBe(expected)
  })

  it('describes every kind of outcome', () => {
    expect(describeOutcome({ kind: 'network-error', url: page, code: 'ENOTFOUND' })).toBe('ENOTFOUND https://example.com/a')
    expect(describeOutcome({ kind: 'redirect', url: page, status: 308, location: url('https://example.com/b') })).toBe(
      '308 https://example.com/a -> https://example.com/b',
    )
  })
})
