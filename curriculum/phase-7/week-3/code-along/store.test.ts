import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineDistance, embed } from '../../week-1/code-along/embeddings.js';
import { toVectorLiteral, VectorStore } from './store.js';
import { corpus, DIMS, openPostgres, type TestDb } from './test-db.js';

describe('step 2: exact vector search in plain SQL (real[] + a cosine function)', () => {
  let db: TestDb;
  let store: VectorStore;

  beforeAll(async () => {
    db = await openPostgres();
    store = new VectorStore(db.query, 'array', DIMS);
    await store.init();
    await store.upsert(corpus());
  });
  afterAll(() => db.close());

  it('returns the most similar chunk first, with ascending distances', async () => {
    const hits = await store.search(embed('which index does pgvector use for nearest neighbour search', DIMS), 3);
    expect(hits[0]).toMatchObject({ docId: 'pgvector.md', chunkIndex: 0 });
    const distances = hits.map((h) => h.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('computes the same cosine distance as the TypeScript version', async () => {
    const q = embed('how long does a model stay loaded', DIMS);
    const [hit] = await store.search(q, 1);
    expect(hit?.docId).toBe('ollama.md');
    expect(hit?.distance).toBeCloseTo(cosineDistance(q, embed(hit?.content ?? '', DIMS)), 5);
  });

  it('upserts idempotently: re-indexing a chunk replaces it', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM chunks');
    const text = 'Go channels can be buffered or unbuffered.';
    await store.upsert([{ docId: 'go.md', chunkIndex: 0, content: text, embedding: embed(text, DIMS) }]);
    const after = await db.query('SELECT count(*)::int AS n FROM chunks');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    const [hit] = await store.search(embed('buffered channels', DIMS), 1);
    expect(hit?.content).toBe(text);
  });

  it('rejects a query vector with the wrong number of dimensions', async () => {
    await expect(store.search([1, 2, 3], 1)).rejects.toThrow(/expected 256 dims/);
  });
});

describe('step 3: the vector literal format', () => {
  it("formats vectors the way pgvector parses them: '[1,0.5,-2]'", () => {
    expect(toVectorLiteral([1, 0.5, -2])).toBe('[1,0.5,-2]');
  });

  it('refuses NaN and Infinity, which pgvector rejects too', () => {
    expect(() => toVectorLiteral([1, Number.NaN])).toThrow(/finite/);
  });
});
