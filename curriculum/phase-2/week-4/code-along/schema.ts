import type { Db } from './db.js'

/**
 * Relational where the shape is stable (url, title, status: typed columns with constraints),
 * document-style where it is not: `meta` is JSONB for attributes that vary by site (language, tags,
 * authors...). A GIN index with jsonb_path_ops serves containment queries such as meta @> '{"lang":"en"}'.
 */
export const SCHEMA_SQL = `
CREATE TABLE documents (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url          text NOT NULL UNIQUE,
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  status       smallint NOT NULL CHECK (status BETWEEN 100 AND 599),
  bytes        integer NOT NULL CHECK (bytes >= 0),
  meta         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(meta) = 'object'),
  content_hash text NOT NULL,
  fetched_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_meta_idx ON documents USING gin (meta jsonb_path_ops);
`

export async function createSchema(db: Db): Promise<void> {
  await db.exec(SCHEMA_SQL)
}
