/**
 * What happened to a document, as the aggregate records it. Each carries what a reader elsewhere needs to drop
 * stale copies: the id, every slug the document had or has, and the version no copy may be older than.
 */
export type DocumentEvent =
  | { readonly type: 'DocumentPublished'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date }
  | { readonly type: 'DocumentRevised'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date }
  | { readonly type: 'DocumentDeleted'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date };

export type DocumentEventType = DocumentEvent['type'];

/** The part of an event a cache needs to invalidate: the id, the slugs, and the version floor. */
export interface DocumentChange {
  readonly id: number;
  readonly slugs: string[];
  /** The version no cache may hold anything older than (after a delete: one past the last version). */
  readonly version: number;
}

export function changeOf(event: DocumentEvent): DocumentChange {
  return { id: event.id, slugs: [...event.slugs], version: event.version };
}
