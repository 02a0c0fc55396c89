import { describe, it, expect } from 'vitest';
import {
  attention,
  cosineDistance,
  cosineSimilarity,
  embed,
  fnv1a,
  l2Distance,
  norm,
  softmax,
  tokenize,
  topK,
} from './embeddings.js';

describe('step 1: tokenize', () => {
  it('lower-cases and splits on punctuation and whitespace', () => {
    expect(tokenize('Hello, World! RAG-2025')).toEqual(['hello', 'world', 'rag', '2025']);
  });

  it('keeps non-ASCII letters together', () => {
    expect(tokenize('Olá, café!')).toEqual(['olá', 'café']);
  });

  it('returns [] for text without words', () => {
    expect(tokenize(' ... ')).toEqual([]);
  });
});

describe('step 2: hashed bag-of-words embedding', () => {
  it('hashes deterministically (FNV-1a test vector)', () => {
    expect(fnv1a('a')).toBe(0xe40c292c);
  });

  it('produces unit-length vectors of the requested size', () => {
    const v = embed('pgvector stores embeddings in Postgres', 64);
    expect(v).toHaveLength(64);
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  it('is deterministic: same text, same vector', () => {
    expect(embed('same text')).toEqual(embed('same text'));
  });

  it('returns the zero vector for empty text', () => {
    expect(norm(embed(''))).toBe(0);
  });

  it('captures word overlap but not meaning (why real embedding models exist)', () => {
    const q = embed('how do I reset my password');
    expect(cosineSimilarity(q, embed('reset your password from the settings page'))).toBeGreaterThan(0.3);
    // Synonyms share no tokens, so a lexical embedding cannot relate them.
    expect(cosineSimilarity(embed('car'), embed('automobile'))).toBe(0);
  });
});

describe('step 3: similarity and distance', () => {
  it('cosine similarity is 1, 0 and -1 for same, orthogonal and opposite directions', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 3])).toBeCloseTo(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1);
  });

  it('cosine distance is 1 - similarity (pgvector <=>)', () => {
    expect(cosineDistance([1, 0], [0, 1])).toBeCloseTo(1);
    expect(cosineDistance([1, 0], [-1, 0])).toBeCloseTo(2);
  });

  it('L2 distance is the straight-line distance (pgvector <->)', () => {
    expect(l2Distance([0, 0], [3, 4])).toBe(5);
  });

  it('treats a zero vector as similarity 0 instead of NaN', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it('throws on a dimension mismatch', () => {
    expect(() => cosineSimilarity([1, 2, 3], [1, 2])).toThrow(/dimension mismatch/);
  });
});

describe('step 4: exact top-k search', () => {
  const docs = [
    'Ollama serves models over an HTTP API on port 11434',
    'pgvector adds a vector type and distance operators to Postgres',
    'HNSW is an approximate nearest neighbour index in pgvector',
    'Go channels pass values between goroutines',
  ];
  const items = docs.map((text, i) => ({ id: `doc-${i}`, vector: embed(text) }));

  it('ranks the documents that share the query words first', () => {
    const hits = topK(embed('which index does pgvector use'), items, 2);
    expect(hits.map((h) => h.id)).toEqual(['doc-2', 'doc-1']);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 1);
  });

  it('returns all items when k exceeds the collection size', () => {
    expect(topK(embed('anything'), items, 10)).toHaveLength(items.length);
  });

  it('breaks score ties by id so results are stable', () => {
    const same = [
      { id: 'b', vector: [1, 0] },
      { id: 'a', vector: [1, 0] },
    ];
    expect(topK([1, 0], same, 2).map((h) => h.id)).toEqual(['a', 'b']);
  });
});

describe('step 5: scaled dot-product attention', () => {
  it('softmax sums to 1 and survives large logits', () => {
    const p = softmax([1000, 1001, 1002]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[2]).toBeGreaterThan(p[1] ?? 1);
  });

  const x = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];

  it('gives every token a probability distribution over the sequence', () => {
    const { weights } = attention(x, x, x);
    for (const row of weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('with a causal mask, a token never attends to later tokens', () => {
    const { weights, output } = attention(x, x, x, true);
    expect(weights[0]).toEqual([1, 0, 0]);
    expect(weights[1]?.[2]).toBe(0);
    // The first token can only copy its own value vector.
    expect(output[0]).toEqual([1, 0]);
  });
});
