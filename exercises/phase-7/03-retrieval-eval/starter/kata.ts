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

export function evaluateRetrieval(results: RankedResult[], labels: Labels, k: number): EvalReport {
  throw new Error(`TODO: evaluate ${results.length} results against ${Object.keys(labels).length} labels at k=${k}`);
}
