import type { DocumentChange } from '../../domain/index.js';
import type { CacheKind, DocumentCache } from '../ports/document-cache.port.js';
import type { DocumentView } from '../ports/document-repository.port.js';

/**
 * The DocumentCache port in a Map, with the version floor of the Redis adapter: after an invalidation, a fill
 * of an older version is ignored. `invalidations` records what the use cases asked, for the tests.
 */
export class InMemoryDocumentCache implements DocumentCache {
  readonly status = 'up' as const;
  readonly invalidations: DocumentChange[] = [];
  readonly #entries = new Map<string, DocumentView>();
  readonly #floors = new Map<number, number>();

  async get(kind: CacheKind, key: string): Promise<DocumentView | undefined> {
    return this.#entries.get(`${kind}:${key}`);
  }

  async fill(kind: CacheKind, key: string, document: DocumentView): Promise<void> {
    if (document.version < (this.#floors.get(document.id) ?? 0)) return;
    this.#entries.set(`${kind}:${key}`, document);
  }

  async invalidate(change: DocumentChange): Promise<void> {
    this.invalidations.push(change);
    this.#floors.set(change.id, Math.max(change.version, this.#floors.get(change.id) ?? 0));
    this.#entries.delete(`id:${change.id}`);
    for (const slug of change.slugs) this.#entries.delete(`slug:${slug}`);
  }
}
