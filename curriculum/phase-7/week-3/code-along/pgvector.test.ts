import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineDistance, embed } from '../../week-1/code-along/embeddings.js';
import { toVectorLiteral, VectorStore, type SearchHit } from './store.js';
import { corpus, DIMS, openPgvector } from './test-db.js';

// pgvector for PGlite (@electric-sql/pglite-pgvector) is a dev dependency: without it the install is broken.
const db = await openPgvector();
if (!db) throw new Error('the pgvector extension for PGlite is missing: run `npm ci` (it installs @electric-sql/pglite-pgvector)');

describe('step 3: pgvector — vector(n), <=> and an HNSW index', () => {
  let store: VectorStore;
  const rows = corpus();

  beforeAll(async () => {
    store = new VectorStore(db!.query, 'pgvector', DIMS);
    await store.init();
    await store.upsert(rows);
  });
  afterAll(() => db!.close());

  // Chunks sharing no word with the query all sit at distance 1: their order is arbitrary
  // (the approximate index may return them in any order), so compare only the closer ones.
  const summary = (hits: Array<Pick<SearchHit, 'docId' | 'chunkIndex' | 'distance'>>) =>
    hits.filter((h) => h.distance < 0.999).map((h) => [h.docId, h.chunkIndex, Number(h.distance.toFixed(4))]);

  it('returns the same neighbours and distances as an exact search in TypeScript', async () => {
    const q = embed('cosine distance operator between vectors', DIMS);
    const exact = rows
      .map((r) => ({ docId: r.docId, chunkIndex: r.chunkIndex, distance: cosineDistance(q, r.embedding) }))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 3);
    expect(summary(exact).length).toBeGreaterThan(1);
    expect(summary(await store.search(q, 3))).toEqual(summary(exact));
  });

  it('uses the HNSW index for ORDER BY embedding <=> … LIMIT k', async () => {
    const literal = toVectorLiteral(embed('hnsw index', DIMS));
    await db!.query('SET enable_seqscan = off'); // tiny table: force the planner to show the index
    const plan = await db!.query(`EXPLAIN SELECT id FROM chunks ORDER BY embedding <=> '${literal}'::vector LIMIT 3`);
    await db!.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => String(r['QUERY PLAN'])).join('\n')).toMatch(/chunks_embedding_hnsw/);
  });

  it('exposes the HNSW search-time knob hnsw.ef_search (default 40)', async () => {
    const { rows: settings } = await db!.query('SHOW hnsw.ef_search');
    expect(settings[0]?.['hnsw.ef_search']).toBe('40');
  });
});
