import { describe, it, expect, expectTypeOf } from 'vitest'
import { isOk, parseUrl, type Url } from './url.js'

describe('step 1: branded URLs and Result values', () => {
  it.each([
    ['https://Example.COM/docs#intro', 'https://example.com/docs'],
    ['http://example.com', 'http://example.com/'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
  ])('normalises %s to %s', (input, expected) => {
    expect(parseUrl(input)).toEqual({ ok: true, value: expected })
  })

  it('resolves a relative link against a base URL', () => {
    expect(parseUrl('../api/', 'https://nodejs.org/docs/latest/')).toEqual({
      ok: true,
      value: 'https://nodejs.org/docs/api/',
    })
  })

  it.each([
    ['not a url', 'not a URL: not a url'],
    ['mailto:someone@example.com', 'unsupported protocol: mailto:'],
    ['ftp://example.com/file', 'unsupported protocol: ftp:'],
  ])('returns an error value (no exception) for %s', (input, error) => {
    expect(parseUrl(input)).toEqual({ ok: false, error })
  })

  it('only exposes .value after the Result is narrowed', () => {
    const result = parseUrl('https://example.com')
    // @ts-expect-error -- .value does not exist until we know ok is true
    expect(result.value).toBe('https://example.com/')
    if (isOk(result)) {
      expectTypeOf(result.value).toEqualTypeOf<Url>()
    }
    // @ts-expect-error -- a plain string is not a Url: it has not been validated
    const unchecked: Url = 'https://example.com/'
    expect(unchecked).toBeTypeOf('string') // at runtime a Url is just a string
  })
})
