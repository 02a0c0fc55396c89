import type { DocumentChange, Heading } from '@docs-api/domain';
import type { PageCursor } from '../cursor.js';

/** A document as the API returns it (and as the cache stores it). */
export interface DocumentView {
  readonly id: number;
  readonly url: string;
  readonly slug: string;
  readonly title: string;
  readonly headings: Heading[];
  readonly body: string;
  readonly links: string[];
  readonly status: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A row of the listing: the document without its text, headings and links. */
export type DocumentSummary = Omit<DocumentView, 'body' | 'headings' | 'links'>;

export interface DocumentPage {
  readonly items: DocumentSummary[];
  readonly nextCursor: string | null;
}

export interface SearchHit {
  readonly id: number;
  readonly slug: string;
  readonly url: string;
  readonly title: string;
  readonly rank: number;
  readonly snippet: string;
}

/** What a client (or the importer) writes; the slug defaults to one derived from the URL. */
export interface DocumentInput {
  readonly url: string;
  readonly slug?: string;
  readonly title: string;
  readonly headings: Heading[];
  readonly body: string;
  readonly links: string[];
  readonly status: number;
}

export interface UpsertOutcome {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly changes: DocumentChange[];
}

/**
 * The store refused a value it cannot hold (an integer out of its range, an index row too large): one bad
 * record, not a store that is down. The importer then writes the batch again one record at a time.
 */
export class ValueRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValueRejectedError';
  }
}

/**
 * Where documents live (the Postgres adapter implements it). Writes return what they changed, so the use case
 * can invalidate caches after the commit; a unique violation (url or slug) is thrown as the adapter's error and
 * told apart by `isConflict`.
 */
export interface DocumentRepository {
  /** One round trip to the store; throws when it is unreachable. */
  ping(): Promise<void>;
  findById(id: number): Promise<DocumentView | null>;
  findBySlug(slug: string): Promise<DocumentView | null>;
  /** A page of the listing, newest first (ties broken by id), after `cursor` when given. */
  listPage(limit: number, cursor: PageCursor | null): Promise<DocumentPage>;
  search(q: string, limit: number): Promise<SearchHit[]>;
  create(input: DocumentInput): Promise<DocumentView>;
  /** Replaces a document and bumps its version; null when there is no such id. */
  update(id: number, input: DocumentInput): Promise<{ document: DocumentView; change: DocumentChange } | null>;
  /** Deletes a document; null when there is no such id. */
  delete(id: number): Promise<DocumentChange | null>;
  /**
   * Upserts a batch keyed by URL in one transaction (URLs distinct within a batch); throws ValueRejectedError
   * when the store refuses a value of the batch.
   */
  upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome>;
}
