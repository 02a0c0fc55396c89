// Week 7.1 code-along: tokens, a toy embedding, similarity, top-k and attention.
// Everything is deterministic and offline. The "embedding" is a hashed bag of
// words: it captures word overlap, NOT meaning. Real embedding models do that.

// Step 1 — tokenize --------------------------------------------------------

/** Lower-cases and splits on anything that is not a letter or a digit. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Step 2 — a hashed bag-of-words embedding --------------------------------

/** 32-bit FNV-1a over the UTF-8 bytes of `s`: fast, stable across runs and machines. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Feature hashing: each token adds ±1 to one of `dims` buckets. The sign bit
 * comes from the hash too, so collisions tend to cancel instead of pile up.
 * The result is L2-normalised, like the vectors Ollama's /api/embed returns.
 */
export function embed(text: string, dims = 256): Float32Array {
  if (!Number.isInteger(dims) || dims < 1) throw new RangeError('dims must be a positive integer');
  const v = new Float32Array(dims);
  for (const token of tokenize(text)) {
    const h = fnv1a(token);
    const bucket = h % dims;
    v[bucket] = (v[bucket] ?? 0) + (h & 0x80000000 ? -1 : 1);
  }
  return normalize(v);
}

// Step 3 — similarity -------------------------------------------------------

function sameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`dimension mismatch: ${a.length} vs ${b.length}`);
}

// (`?? 0` only satisfies noUncheckedIndexedAccess: lengths are checked first.)
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** Unit-length copy; the zero vector stays zero (there is no direction to keep). */
export function normalize(a: ArrayLike<number>): Float32Array {
  const n = norm(a);
  const out = new Float32Array(a.length);
  if (n === 0) return out;
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) / n;
  return out;
}

/** cos θ in [-1, 1]. Defined as 0 when either vector is zero. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const denom = norm(a) * norm(b);
  return denom === 0 ? 0 : dot(a, b) / denom;
}

/** What pgvector's `<=>` returns: 1 - cosine similarity (0 = same direction, 2 = opposite). */
export function cosineDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return 1 - cosineSimilarity(a, b);
}

/** What pgvector's `<->` returns. */
export function l2Distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return Math.sqrt(s);
}

// Step 4 — exact top-k search ----------------------------------------------

export interface Item {
  id: string;
  vector: ArrayLike<number>;
}

export interface Hit {
  id: string;
  score: number;
}

/**
 * Brute-force k-nearest-neighbours by cosine similarity: O(n·d) per query.
 * This is exactly what a vector database does without an index (an "exact"
 * search); ANN indexes such as HNSW trade a little recall for speed.
 */
export function topK(query: ArrayLike<number>, items: readonly Item[], k: number): Hit[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError('k must be a non-negative integer');
  return items
    .map((it) => ({ id: it.id, score: cosineSimilarity(query, it.vector) }))
    // Ties broken by id so results are stable across runs.
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .slice(0, k);
}

// Step 5 — scaled dot-product attention on a toy sequence -------------------

/** Numerically stable softmax: subtracting the max avoids exp() overflow. */
export function softmax(xs: readonly number[]): number[] {
  const m = Math.max(...xs);
  const exps = xs.map((x) => (x === -Infinity ? 0 : Math.exp(x - m)));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export interface AttentionResult {
  weights: number[][]; // weights[i][j]: how much token i attends to token j
  output: number[][]; // one context-mixed vector per token
}

/**
 * softmax(Q·Kᵀ / √d_k)·V for one head. With `causal`, token i may only look at
 * tokens 0..i — that mask is what makes a decoder (GPT, Llama) generate left to right.
 */
export function attention(q: number[][], k: number[][], v: number[][], causal = false): AttentionResult {
  const dk = k[0]?.length ?? 0;
  const weights = q.map((qi, i) =>
    softmax(k.map((kj, j) => (causal && j > i ? -Infinity : dot(qi, kj) / Math.sqrt(dk)))),
  );
  const width = v[0]?.length ?? 0;
  const output = weights.map((w) =>
    Array.from({ length: width }, (_, col) => w.reduce((acc, wij, j) => acc + wij * (v[j]?.[col] ?? 0), 0)),
  );
  return { weights, output };
}
