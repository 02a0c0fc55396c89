// Step 4: what PromQL does with those buckets — rate()/increase() and histogram_quantile().
export interface Bucket {
  le: number; // upper bound; Infinity for "+Inf"
  count: number; // cumulative
}

/** Counter increase between two scrapes. A drop means the process restarted and the counter reset. */
export const increase = (before: number, after: number) => (after < before ? after : after - before);

/** Sum buckets over all label sets: like `sum by (le) (metric_bucket)`. */
export function parseBuckets(exposition: string, metric: string): Bucket[] {
  const byLe = new Map<number, number>();
  const re = new RegExp(`^${metric}_bucket\\{.*le="([^"]+)".*\\} (\\S+)`);
  for (const line of exposition.split('\n')) {
    const m = re.exec(line);
    if (!m) continue;
    const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
    byLe.set(le, (byLe.get(le) ?? 0) + Number(m[2]));
  }
  return [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/** Prometheus's histogram_quantile(): find the bucket holding the rank, interpolate linearly inside it. */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const b = [...buckets].sort((x, y) => x.le - y.le);
  if (b.length < 2 || b[b.length - 1]!.le !== Infinity) return NaN;
  const total = b[b.length - 1]!.count;
  if (total === 0) return NaN;
  let rank = q * total;
  const i = b.findIndex((x) => x.count >= rank);
  if (i === b.length - 1) return b[b.length - 2]!.le; // in +Inf: the best we can say is "above the top bound"
  if (i === 0 && b[0]!.le <= 0) return b[0]!.le;
  let start = 0; // the lowest bucket is assumed to start at 0
  let count = b[i]!.count;
  if (i > 0) {
    start = b[i - 1]!.le;
    count -= b[i - 1]!.count;
    rank -= b[i - 1]!.count;
  }
  return start + (b[i]!.le - start) * (rank / count);
}

/** Share of observations <= threshold. Exact only when the threshold is a bucket boundary. */
export function fractionAtOrBelow(threshold: number, buckets: readonly Bucket[]): number {
  const at = buckets.find((x) => x.le === threshold);
  if (!at) throw new Error(`${threshold} is not a bucket boundary; add it to the buckets`);
  return at.count / buckets.find((x) => x.le === Infinity)!.count;
}
