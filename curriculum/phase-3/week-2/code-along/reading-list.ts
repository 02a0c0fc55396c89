import { err, ok, type Result } from './result.js'

export type ReadingListId = string & { readonly __brand: 'ReadingListId' }
/** Another aggregate (Catalog's Document) is referenced by id only, never held as an object. */
export type DocumentId = string & { readonly __brand: 'DocumentId' }

export const MAX_ITEMS = 10

/** Domain events: facts in the past tense, immutable, carrying ids rather than whole objects. */
export type ReadingListEvent =
  | { readonly type: 'ReadingListCreated'; readonly listId: ReadingListId; readonly ownerId: string; readonly at: Date }
  | { readonly type: 'DocumentAdded'; readonly listId: ReadingListId; readonly documentId: DocumentId; readonly at: Date }
  | { readonly type: 'DocumentRemoved'; readonly listId: ReadingListId; readonly documentId: DocumentId; readonly at: Date }
  | {
      readonly type: 'ReadingListPublished'
      readonly listId: ReadingListId
      readonly documentIds: readonly DocumentId[]
      readonly at: Date
    }

export type ReadingListError = 'empty-title' | 'already-published' | 'duplicate-document' | 'list-full' | 'not-in-list' | 'empty-list'

/** The persisted shape. `version` is the version this state was loaded at (0 = never saved). */
export interface ReadingListSnapshot {
  readonly id: ReadingListId
  readonly ownerId: string
  readonly title: string
  readonly items: readonly DocumentId[]
  readonly publishedAt: Date | null
  readonly version: number
}

/**
 * Aggregate root of the Reading lists context. Every change to a list and its items goes through
 * this class, so the invariants below hold after every method call:
 *   - at most MAX_ITEMS documents, no duplicates;
 *   - a published list is frozen, and only a non-empty list can be published.
 */
export class ReadingList {
  #items: DocumentId[]
  #publishedAt: Date | null
  #events: ReadingListEvent[] = []

  private constructor(
    readonly id: ReadingListId,
    readonly ownerId: string,
    readonly title: string,
    items: readonly DocumentId[],
    publishedAt: Date | null,
    readonly version: number,
  ) {
    this.#items = [...items]
    this.#publishedAt = publishedAt
  }

  static create(props: { id: ReadingListId; ownerId: string; title: string; now: Date }): Result<ReadingList, ReadingListError> {
    const title = props.title.trim()
    if (title === '') return err('empty-title')
    const list = new ReadingList(props.id, props.ownerId, title, [], null, 0)
    list.#events.push({ type: 'ReadingListCreated', listId: props.id, ownerId: props.ownerId, at: props.now })
    return ok(list)
  }

  /** Rebuilds an aggregate from storage. No events: nothing happened, we only loaded it. */
  static restore(s: ReadingListSnapshot): ReadingList {
    return new ReadingList(s.id, s.ownerId, s.title, s.items, s.publishedAt, s.version)
  }

  get items(): readonly DocumentId[] {
    return [...this.#items] // a copy: callers cannot push past the invariants
  }

  get isPublished(): boolean {
    return this.#publishedAt !== null
  }

  add(documentId: DocumentId, now: Date): Result<void, ReadingListError> {
    if (this.isPublished) return err('already-published')
    if (this.#items.includes(documentId)) return err('duplicate-document')
    if (this.#items.length >= MAX_ITEMS) return err('list-full')
    this.#items.push(documentId)
    this.#events.push({ type: 'DocumentAdded', listId: this.id, documentId, at: now })
    return ok(undefined)
  }

  remove(documentId: DocumentId, now: Date): Result<void, ReadingListError> {
    if (this.isPublished) return err('already-published')
    if (!this.#items.includes(documentId)) return err('not-in-list')
    this.#items = this.#items.filter((id) => id !== documentId)
    this.#events.push({ type: 'DocumentRemoved', listId: this.id, documentId, at: now })
    return ok(undefined)
  }

  publish(now: Date): Result<void, ReadingListError> {
    if (this.isPublished) return err('already-published')
    if (this.#items.length === 0) return err('empty-list')
    this.#publishedAt = now
    this.#events.push({ type: 'ReadingListPublished', listId: this.id, documentIds: [...this.#items], at: now })
    return ok(undefined)
  }

  /** Hands the recorded events to the caller once; the repository stores them with the state. */
  pullEvents(): ReadingListEvent[] {
    const events = this.#events
    this.#events = []
    return events
  }

  toSnapshot(): ReadingListSnapshot {
    return {
      id: this.id,
      ownerId: this.ownerId,
      title: this.title,
      items: [...this.#items],
      publishedAt: this.#publishedAt,
      version: this.version,
    }
  }
}
