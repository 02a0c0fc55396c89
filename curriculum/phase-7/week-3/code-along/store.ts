// Steps 2 and 3 — a vector store in Postgres, in two flavours:
//  - 'array':    plain Postgres, real[] column + a SQL cosine-distance function.
//                Exact search (sequential scan); runs on any Postgres, including PGlite.
//  - 'pgvector': the vector(n) type, the <=> cosine-distance operator and an HNSW index.
// Both return the same distances, so you can see exactly what pgvector computes.

/** Minimal query function; adapts pg.Client#query and PGlite#query. */
export type Query = (text: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

export type VectorMode = 'array' | 'pgvector';

export interface ChunkRow {
  docId: string;
  chunkIndex: number;
  content: string;
  embedding: ArrayLike<number>;
}

export interface SearchHit {
  docId: string;
  chunkIndex: number;
  content: string;
  distance: number; // cosine distance: 0 = same direction, 2 = opposite
}

/** pgvector's text input format: '[0.1,0.2,0.3]'. */
export function toVectorLiteral(v: ArrayLike<number>): string {
  const parts = Array.from(v, (x) => {
    if (!Number.isFinite(x)) throw new RangeError('vector elements must be finite');
    return String(x);
  });
  return `[${parts.join(',')}]`;
}

export function schemaSql(mode: VectorMode, dims: number): string[] {
  if (!Number.isInteger(dims) || dims < 1) throw new RangeError('dims must be a positive integer');
  if (mode === 'pgvector') {
    return [
      'CREATE EXTENSION IF NOT EXISTS vector',
      `CREATE TABLE chunks (
         id bigserial PRIMARY KEY,
         doc_id text NOT NULL,
         chunk_index int NOT NULL,
         content text NOT NULL,
         embedding vector(${dims}) NOT NULL,
         UNIQUE (doc_id, chunk_index))`,
      // HNSW with the operator class that matches the operator we query with (<=>).
      'CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops)',
    ];
  }
  return [
    // 1 - a·b / (|a| |b|), computed row by row. NULLIF avoids dividing by zero.
    `CREATE FUNCTION array_cosine_distance(a real[], b real[]) RETURNS double precision
       LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
         SELECT 1 - sum(x * y) / NULLIF(sqrt(sum(x * x)) * sqrt(sum(y * y)), 0)
         FROM unnest(a, b) AS t(x, y)
       $$`,
    `CREATE TABLE chunks (
       id bigserial PRIMARY KEY,
       doc_id text NOT NULL,
       chunk_index int NOT NULL,
       content text NOT NULL,
       embedding real[] NOT NULL CHECK (cardinality(embedding) = ${dims}),
       UNIQUE (doc_id, chunk_index))`,
  ];
}

export class VectorStore {
  constructor(
    private readonly query: Query,
    readonly mode: VectorMode,
    readonly dims: number,
  ) {}

  private param(v: ArrayLike<number>): unknown {
    if (v.length !== this.dims) throw new RangeError(`expected ${this.dims} dims, got ${v.length}`);
    return this.mode === 'pgvector' ? toVectorLiteral(v) : Array.from(v);
  }

  private distance(placeholder: string): string {
    return this.mode === 'pgvector'
      ? `embedding <=> ${placeholder}::vector`
      : `array_cosine_distance(embedding, ${placeholder}::real[])`;
  }

  async init(): Promise<void> {
    for (const sql of schemaSql(this.mode, this.dims)) await this.query(sql);
  }

  /** Idempotent: re-indexing a document overwrites its chunks instead of duplicating them. */
  async upsert(rows: readonly ChunkRow[]): Promise<void> {
    const cast = this.mode === 'pgvector' ? 'vector' : 'real[]';
    for (const r of rows) {
      await this.query(
        `INSERT INTO chunks (doc_id, chunk_index, content, embedding) VALUES ($1, $2, $3, $4::${cast})
         ON CONFLICT (doc_id, chunk_index) DO UPDATE SET content = EXCLUDED.content, embedding = EXCLUDED.embedding`,
        [r.docId, r.chunkIndex, r.content, this.param(r.embedding)],
      );
    }
  }

  /** k nearest chunks. ORDER BY <distance expression> LIMIT k is the shape an HNSW index can serve. */
  async search(embedding: ArrayLike<number>, k: number): Promise<SearchHit[]> {
    const { rows } = await this.query(
      `SELECT doc_id, chunk_index, content, ${this.distance('$1')} AS distance
         FROM chunks ORDER BY ${this.distance('$1')} LIMIT $2`,
      [this.param(embedding), k],
    );
    return rows.map((r) => ({
      docId: String(r.doc_id),
      chunkIndex: Number(r.chunk_index),
      content: String(r.content),
      distance: Number(r.distance),
    }));
  }
}
