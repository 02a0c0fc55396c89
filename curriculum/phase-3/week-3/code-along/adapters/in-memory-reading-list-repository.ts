import type { ReadingListRepository } from '../application/ports/reading-list-repository.port.js'
import { ReadingList, type ReadingListId, type ReadingListSnapshot } from '../domain/reading-list.js'
import { err, ok, type Result } from '../domain/result.js'

export class InMemoryReadingListRepository implements ReadingListRepository {
  readonly #rows = new Map<ReadingListId, ReadingListSnapshot>()

  async get(id: ReadingListId): Promise<ReadingList | undefined> {
    const row = this.#rows.get(id)
    return row && ReadingList.restore(structuredClone(row))
  }

  async save(list: ReadingList): Promise<Result<{ version: number }, 'version-conflict'>> {
    const stored = this.#rows.get(list.id)?.version ?? 0
    if (stored !== list.version) return err('version-conflict')
    this.#rows.set(list.id, structuredClone({ ...list.toSnapshot(), version: stored + 1 }))
    return ok({ version: stored + 1 })
  }
}
