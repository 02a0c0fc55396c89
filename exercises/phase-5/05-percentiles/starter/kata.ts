/** A cumulative Prometheus-style bucket: `count` observations were <= `le`. */
export interface Bucket {
  le: number;
  count: number;
}

export interface Summary {
  count: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentile of raw samples; p in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  // Naive: uses the default sort and a floor index. The tests show why both are wrong.
  const sorted = [...samples].sort();
  return sorted[Math.floor((p / 100) * sorted.length)] ?? NaN;
}

export function summarize(samples: readonly number[]): Summary {
  throw new Error(`TODO: summarize ${samples.length} samples`);
}

/** Prometheus histogram_quantile over cumulative buckets (must include le = Infinity). */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  throw new Error(`TODO: histogramQuantile(${q}) over ${buckets.length} buckets`);
}
