export interface Doc {
  id: string;
  vector: readonly number[];
}

export interface Hit {
  id: string;
  score: number;
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  // Naive: the dot product.
  return a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
}

export function topK(query: readonly number[], docs: readonly Doc[], k: number, options: { minScore?: number } = {}): Hit[] {
  void options;
  return docs
    .map((d) => ({ id: d.id, score: cosineSimilarity(query, d.vector) }))
    .sort((x, y) => y.score - x.score)
    .slice(0, k);
}
