import { ReadingList, type ReadingListEvent, type ReadingListId, type ReadingListSnapshot } from './reading-list.js'
import { err, ok, type Result } from './result.js'

/**
 * One repository per aggregate root, with a collection-like interface in domain terms. It loads and
 * saves whole aggregates: there is no `addItem(listId, documentId)` here, because that would
 * bypass the invariants in ReadingList.
 */
export interface ReadingListRepository {
  get(id: ReadingListId): Promise<ReadingList | undefined>
  /**
   * Saves the aggregate and its new events atomically. Fails with `version-conflict` when someone
   * else saved the same list after we loaded it (optimistic concurrency).
   */
  save(list: ReadingList): Promise<Result<{ version: number }, 'version-conflict'>>
}

/** An in-memory adapter, a real implementation that tests can use instead of a mock. */
export class InMemoryReadingListRepository implements ReadingListRepository {
  readonly #rows = new Map<ReadingListId, ReadingListSnapshot>()
  /** The transactional outbox: events stored with the state change, published later by a relay. */
  readonly outbox: ReadingListEvent[] = []

  async get(id: ReadingListId): Promise<ReadingList | undefined> {
    const row = this.#rows.get(id)
    // Hand out a copy: changing a loaded aggregate must not change stored state until save().
    return row && ReadingList.restore(structuredClone(row))
  }

  async save(list: ReadingList): Promise<Result<{ version: number }, 'version-conflict'>> {
    const stored = this.#rows.get(list.id)?.version ?? 0
    if (stored !== list.version) return err('version-conflict')
    const version = stored + 1
    // In SQL: UPDATE ... SET ..., version = version + 1 WHERE id = $1 AND version = $2, plus an
    // INSERT into the outbox table, in one transaction.
    this.#rows.set(list.id, structuredClone({ ...list.toSnapshot(), version }))
    this.outbox.push(...list.pullEvents())
    return ok({ version })
  }
}
