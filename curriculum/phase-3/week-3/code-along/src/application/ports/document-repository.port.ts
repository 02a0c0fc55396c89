import type { DocumentChange, Heading } from '../../domain/index.js';

/** A document as the API returns it (and as the cache keeps it). */
export interface DocumentView {
  readonly id: number;
  readonly url: string;
  readonly slug: string;
  readonly title: string;
  readonly headings: readonly Heading[];
  readonly body: string;
  readonly links: readonly string[];
  readonly status: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
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
  readonly headings: readonly Heading[];
  readonly body: string;
  readonly links: readonly string[];
  readonly status: number;
}

export interface UpsertOutcome {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** The documents an update changed, for the cache. */
  readonly changes: readonly DocumentChange[];
}

/** Another document already has this URL or slug. The adapter says it in the port's words, not its driver's. */
export class DocumentConflictError extends Error {
  constructor(
    readonly field: 'url' | 'slug',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DocumentConflictError';
  }
}

/**
 * The store refused a value it cannot hold (an integer out of its range): one bad record, not a store that is
 * down. The importer then writes the batch again one record at a time and skips the one refused.
 */
export class ValueRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValueRejectedError';
  }
}

/**
 * Where documents live, in the application's words (the Postgres adapter implements it, and so does the
 * in-memory one the use-case tests run on). Writes return what they changed, so the use case can invalidate
 * the cache and publish events after the commit. Your own port also has `listPage(limit, cursor)` for
 * GET /documents; this one is trimmed to what the code-along's routes call.
 */
export interface DocumentRepository {
  /** One round trip to the store; throws when it is unreachable. */
  ping(): Promise<void>;
  findById(id: number): Promise<DocumentView | null>;
  findBySlug(slug: string): Promise<DocumentView | null>;
  /** Full-text search, best hits first; `q` in the store's search syntax (Postgres: websearch). */
  search(q: string, limit: number): Promise<SearchHit[]>;
  /** Inserts a document at version 1; throws DocumentConflictError when its URL or slug is taken. */
  create(input: DocumentInput): Promise<DocumentView>;
  /** Replaces a document at version + 1; null when there is no such id. */
  update(id: number, input: DocumentInput): Promise<{ document: DocumentView; change: DocumentChange } | null>;
  /** Deletes a document; null when there is no such id. */
  delete(id: number): Promise<DocumentChange | null>;
  /**
   * Upserts a batch by URL in one transaction (URLs distinct within it): new ones inserted, changed ones at
   * version + 1, identical ones untouched. Throws ValueRejectedError, having written nothing, when the store
   * refuses a value of the batch.
   */
  upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome>;
}
