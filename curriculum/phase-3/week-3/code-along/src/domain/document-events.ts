/**
 * What happened to a document, as the aggregate records it. Each event carries what a reader elsewhere needs to
 * drop its stale copies: the id, every slug the document had or has, and the version no copy may be older than.
 */
export type DocumentEvent =
  | { readonly type: 'DocumentPublished'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date }
  | { readonly type: 'DocumentRevised'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date }
  | { readonly type: 'DocumentDeleted'; readonly id: number; readonly slugs: readonly string[]; readonly version: number; readonly at: Date };

/** The part of a change a cache needs: the id, the slugs, and the version floor (after a delete: one past the last). */
export interface DocumentChange {
  readonly id: number;
  readonly slugs: readonly string[];
  readonly version: number;
}
