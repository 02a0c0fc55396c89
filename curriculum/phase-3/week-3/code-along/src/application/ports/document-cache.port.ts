import type { DocumentChange } from '../../domain/index.js';
import type { DocumentView } from './document-repository.port.js';

export type CacheStatus = 'up' | 'down' | 'disabled';
export type CacheKind = 'id' | 'slug';

/**
 * Documents read by id and by slug, kept close (your RedisDocumentCache implements it). It never fails a request:
 * a cache that is down answers misses.
 */
export interface DocumentCache {
  readonly status: CacheStatus;
  get(kind: CacheKind, key: string): Promise<DocumentView | undefined>;
  /** Keeps a document read from the repository, unless a newer version was invalidated meanwhile. */
  fill(kind: CacheKind, key: string, document: DocumentView): Promise<void>;
  /** Drops every copy of the document older than `change.version`, on every instance. */
  invalidate(change: DocumentChange): Promise<void>;
}
