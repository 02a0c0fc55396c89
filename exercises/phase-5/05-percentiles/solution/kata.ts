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

function sortedCopy(samples: readonly number[]): number[] {
  // Copy first: sorting in place would reorder the caller's data.
  // The comparator matters: the default sort compares numbers as strings ("100" < "9").
  return [...samples].sort((a, b) => a - b);
}

function nearestRank(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  // (p * n) / 100 instead of p / 100 * n: 0.07 * 100 is 7.000000000000001, and ceil would make it 8.
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[rank - 1] as number;
}

/** Nearest-rank percentile of raw samples; p in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`p must be in [0, 100], got ${p}`);
  return nearestRank(sortedCopy(samples), p);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = sortedCopy(samples); // sort once, read many percentiles
  const n = sorted.length;
  return {
    count: n,
    min: n ? (sorted[0] as number) : NaN,
    max: n ? (sorted[n - 1] as number) : NaN,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    p99: nearestRank(sorted, 99),
  };
}

/** Prometheus histogram_quantile over cumulative buckets (must include le = Infinity). */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;

  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted[sorted.length - 1];
  if (sorted.length < 2 || last === undefined || last.le !== Infinity) return NaN;
  const total = last.count;
  if (total === 0) return NaN;

  const rank = q * total;
  // Counts are cumulative, so the first bucket reaching the rank is the one the quantile falls in.
  let b = sorted.findIndex((bucket) => bucket.count >= rank);
  if (b === -1) b = sorted.length - 1;

  if (b === sorted.length - 1) {
    // Landed in +Inf: we know nothing about how large those values are, so report the largest known bound.
    return (sorted[sorted.length - 2] as Bucket).le;
  }
  const bucket = sorted[b] as Bucket;
  if (b === 0 && bucket.le <= 0) return bucket.le;

  const prev = b > 0 ? (sorted[b - 1] as Bucket) : undefined;
  const lower = prev ? prev.le : 0; // the first bucket is assumed to start at 0
  const below = prev ? prev.count : 0;
  const inBucket = bucket.count - below;
  // Linear interpolation: assume observations are spread evenly inside the bucket.
  return lower + (bucket.le - lower) * ((rank - below) / inBucket);
}
