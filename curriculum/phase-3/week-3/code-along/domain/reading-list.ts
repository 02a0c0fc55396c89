import { err, ok, type Result } from './result.js'

export type ReadingListId = string & { readonly __brand: 'ReadingListId' }
export type DocumentId = string & { readonly __brand: 'DocumentId' }
export type ReadingListError = 'already-published' | 'duplicate-document' | 'list-full'

export const MAX_ITEMS = 10

export interface ReadingListSnapshot {
  readonly id: ReadingListId
  readonly title: string
  readonly items: readonly DocumentId[]
  readonly publishedAt: Date | null
  readonly version: number
}

/**
 * Last week's aggregate, trimmed to what this week needs (events omitted). Note the imports:
 * nothing but ./result.js. The domain knows nothing about HTTP, SQL or the clock.
 */
export class ReadingList {
  #items: DocumentId[]

  private constructor(private readonly state: Omit<ReadingListSnapshot, 'items'>, items: readonly DocumentId[]) {
    this.#items = [...items]
  }

  static create(id: ReadingListId, title: string): ReadingList {
    return new ReadingList({ id, title, publishedAt: null, version: 0 }, [])
  }

  static restore({ items, ...state }: ReadingListSnapshot): ReadingList {
    return new ReadingList(state, items)
  }

  get id(): ReadingListId {
    return this.state.id
  }

  get version(): number {
    return this.state.version
  }

  add(documentId: DocumentId): Result<void, ReadingListError> {
    if (this.state.publishedAt !== null) return err('already-published')
    if (this.#items.includes(documentId)) return err('duplicate-document')
    if (this.#items.length >= MAX_ITEMS) return err('list-full')
    this.#items.push(documentId)
    return ok(undefined)
  }

  toSnapshot(): ReadingListSnapshot {
    return { ...this.state, items: [...this.#items] }
  }
}
