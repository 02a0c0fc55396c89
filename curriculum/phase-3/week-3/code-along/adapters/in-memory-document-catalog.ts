import type { DocumentCatalog } from '../application/ports/document-catalog.port.js'
import type { DocumentId } from '../domain/reading-list.js'

export class InMemoryDocumentCatalog implements DocumentCatalog {
  readonly #ids: Set<string>

  constructor(ids: Iterable<string>) {
    this.#ids = new Set(ids)
  }

  async exists(id: DocumentId): Promise<boolean> {
    return this.#ids.has(id)
  }
}
