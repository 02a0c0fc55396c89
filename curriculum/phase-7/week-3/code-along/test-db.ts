// Test helper: a Postgres to run the store against.
//  - DATABASE_URL set (CI): a real server, inside a uniquely named schema that is dropped afterwards.
//  - otherwise: an in-memory PGlite.
// pgvector: PGlite 0.5 ships it as a separate package (@electric-sql/pglite-pgvector). When that
// package is installed we use it; when not, the pgvector tests are skipped.
import { PGlite, type Extension } from '@electric-sql/pglite';
import pg from 'pg';
import { embed } from '../../week-1/code-along/embeddings.js';
import { chunkMarkdown } from './chunker.js';
import type { ChunkRow, Query } from './store.js';

export const DIMS = 256;

const DOCS: Record<string, string> = {
  'ollama.md': '# Ollama\nOllama serves local models over HTTP on port 11434.\n\n# Keep alive\nkeep_alive controls how long a model stays loaded in memory.',
  'pgvector.md': '# Indexes\nAn HNSW index gives approximate nearest neighbour search in pgvector.\n\n# Operators\nThe <=> operator returns the cosine distance between two vectors.',
  'go.md': '# Channels\nGo channels pass values between goroutines.',
};

/** The test corpus: three small Markdown docs, chunked and embedded (offline, deterministic). */
export function corpus(): ChunkRow[] {
  return Object.entries(DOCS).flatMap(([docId, md]) =>
    chunkMarkdown(md, { maxWords: 40, overlapWords: 5 }).map((c) => ({
      docId,
      chunkIndex: c.index,
      content: c.text,
      embedding: embed(c.text, DIMS),
    })),
  );
}

export interface TestDb {
  query: Query;
  close(): Promise<void>;
}

export async function openPostgres(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = new PGlite();
    return { query: (text, params) => db.query(text, params), close: () => db.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `rag_${process.pid}_${Date.now()}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    query: (text, params) => client.query(text, params),
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

const PGVECTOR_PACKAGE = '@electric-sql/pglite-pgvector';

/** An in-memory PGlite with pgvector loaded, or undefined if the extension package is missing. */
export async function openPgvector(): Promise<TestDb | undefined> {
  let vector: Extension;
  try {
    const mod = (await import(/* @vite-ignore */ PGVECTOR_PACKAGE)) as { vector: Extension };
    vector = mod.vector;
  } catch {
    return undefined;
  }
  const db = new PGlite({ extensions: { vector } });
  return { query: (text, params) => db.query(text, params), close: () => db.close() };
}
