import type { DocumentId } from '../../domain/reading-list.js'

/**
 * Driven port to another bounded context. Deliberately narrow (interface segregation): the use case
 * needs one question answered, not the whole Catalog API.
 */
export interface DocumentCatalog {
  exists(id: DocumentId): Promise<boolean>
}
