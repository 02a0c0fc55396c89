import type { DocumentUrl } from './document-url.js'
import { err, ok, type Result } from './result.js'
import { type Tag, Tags } from './tags.js'

/** A branded string: a plain string or a ReadingListId cannot be passed where a DocumentId is expected. */
export type DocumentId = string & { readonly __brand: 'DocumentId' }

export function documentId(value: string): DocumentId {
  // Ids come from our own generator or database; a malformed one is a bug, so throw.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new Error(`Invalid DocumentId: ${JSON.stringify(value)}`)
  return value as DocumentId
}

export type DocumentError = 'empty-title' | 'title-too-long' | 'too-many-tags'

/**
 * A Catalog document: an entity. It keeps its identity while its title and tags change, and two
 * documents are the same document when their ids match, whatever their other fields say.
 */
export class Document {
  #title: string
  #tags: Tags

  private constructor(
    readonly id: DocumentId,
    readonly url: DocumentUrl,
    title: string,
    tags: Tags,
  ) {
    this.#title = title
    this.#tags = tags
  }

  static create(props: { id: DocumentId; url: DocumentUrl; title: string }): Result<Document, DocumentError> {
    const title = checkTitle(props.title)
    if (!title.ok) return title
    return ok(new Document(props.id, props.url, title.value, Tags.empty()))
  }

  get title(): string {
    return this.#title
  }

  get tags(): Tags {
    return this.#tags
  }

  // State changes only through intention-revealing methods that guard the rules; no public setters.
  retitle(raw: string): Result<void, DocumentError> {
    const title = checkTitle(raw)
    if (!title.ok) return title
    this.#title = title.value
    return ok(undefined)
  }

  tag(tag: Tag): Result<void, DocumentError> {
    const tags = this.#tags.with(tag)
    if (!tags.ok) return tags
    this.#tags = tags.value
    return ok(undefined)
  }

  equals(other: Document): boolean {
    return this.id === other.id
  }
}

function checkTitle(raw: string): Result<string, DocumentError> {
  const title = raw.trim().replace(/\s+/g, ' ')
  if (title === '') return err('empty-title')
  if (title.length > 200) return err('title-too-long')
  return ok(title)
}
