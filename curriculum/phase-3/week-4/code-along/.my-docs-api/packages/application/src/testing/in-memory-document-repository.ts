import type { DocumentState } from '@my-docs-api/domain';
import type { DocumentInput, DocumentRepository } from '../ports/document-repository.port.js';

/**
 * The port in a Map, for the use-case tests and for the contract test in adapter-postgres, which imports it as
 * '@my-docs-api/application/testing': a second entry of this package's "exports", so it is public on purpose.
 */
export class InMemoryDocumentRepository implements DocumentRepository {
  readonly #rows = new Map<number, DocumentState>();

  async findById(id: number): Promise<DocumentState | null> {
    return this.#rows.get(id) ?? null;
  }

  async create(input: DocumentInput): Promise<DocumentState> {
    const state = { ...input, id: this.#rows.size + 1, version: 1 };
    this.#rows.set(state.id, state);
    return state;
  }
}
