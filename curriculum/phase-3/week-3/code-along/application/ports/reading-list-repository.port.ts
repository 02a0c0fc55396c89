import type { Result } from '../../domain/result.js'
import type { ReadingList, ReadingListId } from '../../domain/reading-list.js'

/** Driven port: owned by the application, implemented by adapters (in-memory, Postgres). */
export interface ReadingListRepository {
  get(id: ReadingListId): Promise<ReadingList | undefined>
  save(list: ReadingList): Promise<Result<{ version: number }, 'version-conflict'>>
}
