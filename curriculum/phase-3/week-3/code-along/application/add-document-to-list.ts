import { type DocumentId, type ReadingListError, type ReadingListId } from '../domain/reading-list.js'
import { err, ok, type Result } from '../domain/result.js'
import type { DocumentCatalog } from './ports/document-catalog.port.js'
import type { ReadingListRepository } from './ports/reading-list-repository.port.js'

export interface AddDocumentCommand {
  readonly listId: string
  readonly documentId: string
}

export type AddDocumentError = 'list-not-found' | 'document-not-found' | 'version-conflict' | ReadingListError

/** Driving port: what the outside world (HTTP, CLI, tests) may ask the application to do. */
export type AddDocumentToList = (command: AddDocumentCommand) => Promise<Result<{ items: readonly string[] }, AddDocumentError>>

/**
 * Application service for one use case. It orchestrates (load, ask the domain, save) but holds no
 * business rule of its own: the rules live in ReadingList. It depends only on port interfaces.
 */
export function makeAddDocumentToList(deps: { lists: ReadingListRepository; catalog: DocumentCatalog }): AddDocumentToList {
  return async ({ listId, documentId }) => {
    const list = await deps.lists.get(listId as ReadingListId)
    if (!list) return err('list-not-found')
    if (!(await deps.catalog.exists(documentId as DocumentId))) return err('document-not-found')
    const added = list.add(documentId as DocumentId)
    if (!added.ok) return added
    const saved = await deps.lists.save(list)
    if (!saved.ok) return saved
    return ok({ items: list.toSnapshot().items })
  }
}
