import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Heading } from '../../../src/domain/index.js';

/** The `documents` table as kysely sees it (the contracted schema: the text is in `content`). */
export interface DocumentsTable {
  id: Generated<string>;
  url: string;
  slug: string;
  title: string;
  headings: JSONColumnType<Heading[], string, string>;
  content: string;
  links: JSONColumnType<string[], string, string>;
  status: number;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface Database {
  documents: DocumentsTable;
}
