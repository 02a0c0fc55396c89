import type { DocumentChange } from '@docs-api/domain';
import type { DocumentView } from './document-repository.port.js';

export type CacheStatus = 'up' | 'down' | 'disabled';
export type CacheKind = 'id' | 'slug';

/**
 * A cache of documents read by id and by slug (the Redis adapter implements it). It never fails a request: a
 * cache that is down answers misses and keeps the invalidations it could not send.
 */
export interface DocumentCache {
  readonly status: CacheStatus;
  get(kind: CacheKind, key: string): Promise<DocumentView | undefined>;
  /** Stores a document read from the repository, unless a newer version was invalidated meanwhile. */
  fill(kind: CacheKind, key: string, document: DocumentView): Promise<void>;
  /** Drops every copy of the document older than `change.version`, on every instance. */
  invalidate(change: DocumentChange): Promise<void>;
}
