import { err, ok, type Result } from './result.js'

export type DocumentUrlError = 'not-a-url' | 'unsupported-scheme' | 'has-credentials'

/**
 * The canonical address of a document in the Catalog context. A value object: it has no identity of
 * its own, it cannot change after creation, it validates itself, and two instances with the same
 * value are interchangeable.
 */
export class DocumentUrl {
  // A private constructor forces every instance through parse(): an invalid DocumentUrl cannot exist.
  private constructor(private readonly href: string) {
    Object.freeze(this)
  }

  static parse(input: string): Result<DocumentUrl, DocumentUrlError> {
    let url: URL
    try {
      url = new URL(input.trim())
    } catch {
      return err('not-a-url')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return err('unsupported-scheme')
    if (url.username !== '' || url.password !== '') return err('has-credentials')
    // WHATWG URL already lower-cases the host and drops default ports. A #fragment points inside a
    // page, so in our ubiquitous language it is the same document.
    url.hash = ''
    return ok(new DocumentUrl(url.href))
  }

  get host(): string {
    return new URL(this.href).host
  }

  equals(other: DocumentUrl): boolean {
    return this.href === other.href
  }

  toString(): string {
    return this.href
  }
}
