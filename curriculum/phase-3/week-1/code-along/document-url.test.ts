import { describe, it, expect } from 'vitest'
import { DocumentUrl } from './document-url.js'

function parse(input: string): DocumentUrl {
  const result = DocumentUrl.parse(input)
  if (!result.ok) throw new Error(`expected ${input} to parse, got ${result.error}`)
  return result.value
}

describe('step 1: DocumentUrl is a value object', () => {
  it('is equal to another DocumentUrl with the same canonical value', () => {
    const a = parse('HTTPS://Nodejs.org:443/en/learn#top')
    const b = parse('https://nodejs.org/en/learn')
    expect(a.equals(b)).toBe(true)
    expect(a).not.toBe(b) // two instances, one value
    expect(a.toString()).toBe('https://nodejs.org/en/learn')
  })

  it('is different when the path differs', () => {
    expect(parse('https://nodejs.org/api').equals(parse('https://nodejs.org/en'))).toBe(false)
  })

  it.each([
    ['not a url', 'not-a-url'],
    ['ftp://example.com/file', 'unsupported-scheme'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['https://user:secret@example.com/', 'has-credentials'],
  ])('rejects %s with %s instead of throwing', (input, error) => {
    expect(DocumentUrl.parse(input)).toEqual({ ok: false, error })
  })

  it('cannot be modified after creation', () => {
    const url = parse('https://nodejs.org/en')
    expect(Object.isFrozen(url)).toBe(true)
    expect(() => Object.assign(url, { href: 'https://evil.example/' })).toThrow(TypeError)
  })
})
