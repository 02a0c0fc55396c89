export interface RankedResult {
  queryId: string;
  retrieved: string[];
}

export type Labels = Record<string, string[]>;

export interface QueryScore {
  queryId: string;
  recall: number;
  hit: boolean;
  reciprocalRank: number;
}

export interface EvalReport {
  k: number;
  queries: number;
  recallAtK: number;
  hitRateAtK: number;
  mrrAtK: number;
  perQuery: QueryScore[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function evaluateRetrieval(results: RankedResult[], labels: Labels, k: number): EvalReport {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);

  const byQuery = new Map<string, string[]>();
  for (const r of results) if (!byQuery.has(r.queryId)) byQuery.set(r.queryId, r.retrieved);

  // Drive the loop from the LABELS: a query the retriever failed on still counts (as zeros).
  const perQuery: QueryScore[] = Object.entries(labels)
    .filter(([, relevant]) => relevant.length > 0)
    .map(([queryId, relevantList]) => {
      const relevant = new Set(relevantList);
      // Cut at k first: a duplicate occupies a prompt slot just like any other chunk...
      const topK = (byQuery.get(queryId) ?? []).slice(0, k);
      // ...but it can only be counted once.
      const found = new Set(topK.filter((id) => relevant.has(id)));
      const firstIndex = topK.findIndex((id) => relevant.has(id));
      return {
        queryId,
        recall: found.size / relevant.size,
        hit: firstIndex !== -1,
        reciprocalRank: firstIndex === -1 ? 0 : 1 / (firstIndex + 1),
      };
    })
    .sort((a, b) => (a.queryId < b.queryId ? -1 : a.queryId > b.queryId ? 1 : 0));

  if (perQuery.length === 0) throw new RangeError('no labelled queries to evaluate');

  // Macro averages: every query weighs the same, however many relevant chunks it has.
  return {
    k,
    queries: perQuery.length,
    recallAtK: mean(perQuery.map((q) => q.recall)),
    hitRateAtK: mean(perQuery.map((q) => (q.hit ? 1 : 0))),
    mrrAtK: mean(perQuery.map((q) => q.reciprocalRank)),
    perQuery,
  };
}
