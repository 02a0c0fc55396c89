/**
 * What happened to a document, as the aggregate records it: facts in the past tense. Each carries what a reader
 * elsewhere needs to drop its stale copies, the same three things the monolith's `DocumentChange` gives the
 * cache: the id, every slug the document had or has, and the version no copy may be older than.
 */
interface DocumentFact {
  readonly id: number;
  readonly slugs: readonly string[];
  readonly version: number;
  readonly at: Date;
}

export interface DocumentPublished extends DocumentFact {
  readonly type: 'DocumentPublished';
}

export interface DocumentRevised extends DocumentFact {
  readonly type: 'DocumentRevised';
}

export interface DocumentDeleted extends DocumentFact {
  readonly type: 'DocumentDeleted';
}

export type DocumentEvent = DocumentPublished | DocumentRevised | DocumentDeleted;
