import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A heading as the scraper extracts it. */
export interface Heading {
  readonly level: number;
  readonly text: string;
}

/**
 * The `documents` table across the expand/contract steps: `body` until the contract step drops it, `content`
 * from the expand step on. Queries name the text column through `DocumentRepository`, which learns which of
 * the two exists, so both are optional here.
 */
export interface DocumentsTable {
  id: Generated<string>;
  url: string;
  slug: string;
  title: string;
  headings: JSONColumnType<Heading[], string, string>;
  body: ColumnType<string, string | undefined, string | undefined>;
  content: ColumnType<string, string | undefined, string | undefined>;
  links: JSONColumnType<string[], string, string>;
  status: number;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface Database {
  documents: DocumentsTable;
}
