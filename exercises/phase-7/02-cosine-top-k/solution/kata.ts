export interface Doc {
  id: string;
  vector: readonly number[];
}

export interface Hit {
  id: string;
  score: number;
}

function norm(v: readonly number[]): number {
  let sum = 0;
  for (const x of v) sum += x * x;
  return Math.sqrt(sum);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function cosineWithNorms(a: readonly number[], b: readonly number[], normA: number, normB: number): number {
  // A zero vector has no direction: call it "unrelated" (0) instead of 0/0 = NaN.
  if (normA === 0 || normB === 0) return 0;
  // Rounding can push |cos| a hair above 1; clamp so callers can rely on the range.
  return Math.min(1, Math.max(-1, dot(a, b) / (normA * normB)));
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) {
    throw new RangeError(`vectors must be non-empty and the same length (got ${a.length} and ${b.length})`);
  }
  return cosineWithNorms(a, b, norm(a), norm(b));
}

export function topK(query: readonly number[], docs: readonly Doc[], k: number, options: { minScore?: number } = {}): Hit[] {
  if (k <= 0) return [];
  if (query.length === 0) throw new RangeError('query vector is empty');
  const queryNorm = norm(query); // computed once, not once per document
  const hits: Hit[] = [];
  for (const doc of docs) {
    if (doc.vector.length !== query.length) {
      // Usually two embedding models mixed in one index: fail loudly.
      throw new RangeError(`doc ${doc.id} has dimension ${doc.vector.length}, query has ${query.length}`);
    }
    const score = cosineWithNorms(query, doc.vector, queryNorm, norm(doc.vector));
    if (options.minScore === undefined || score >= options.minScore) hits.push({ id: doc.id, score });
  }
  // Ties broken by id, so every replica and every run returns the same order.
  hits.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return hits.slice(0, k);
}
