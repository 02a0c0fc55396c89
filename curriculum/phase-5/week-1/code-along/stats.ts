// Step 1 and 2: exact percentiles, then a fixed-memory latency histogram.

/** Nearest-rank percentile: the smallest sample with at least p% of samples <= it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  if (!(p > 0 && p <= 100)) throw new RangeError(`p must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b); // numeric sort: the default sort is lexicographic
  const rank = Math.ceil((p / 100) * sorted.length); // 1-based
  return sorted[rank - 1]!;
}

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    min: Math.min(...samples),
    mean: sum / samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
  };
}

/**
 * Log-bucketed histogram (the idea behind HdrHistogram and OpenTelemetry's exponential histogram):
 * bucket i covers (lowest * growth^(i-1), lowest * growth^i]. Memory depends on the value range,
 * not on the number of samples, and the reported value is at most `growth` times the true one.
 */
export class LatencyHistogram {
  readonly counts: number[];
  count = 0;

  constructor(
    readonly lowest = 0.01, // ms; smaller values land in bucket 0
    readonly highest = 60_000, // ms; larger values land in the last bucket
    readonly growth = 1.02, // 2% relative error
  ) {
    const buckets = Math.ceil(Math.log(highest / lowest) / Math.log(growth)) + 1;
    this.counts = new Array<number>(buckets).fill(0);
  }

  private indexOf(value: number): number {
    if (value <= this.lowest) return 0;
    const i = Math.ceil(Math.log(value / this.lowest) / Math.log(this.growth));
    return Math.min(i, this.counts.length - 1);
  }

  record(valueMs: number): void {
    const i = this.indexOf(valueMs);
    this.counts[i] = this.counts[i]! + 1;
    this.count++;
  }

  /** Upper bound of the bucket holding the nearest-rank sample. */
  valueAtPercentile(p: number): number {
    if (this.count === 0) throw new Error('empty histogram');
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return this.lowest * this.growth ** i;
    }
    return this.highest;
  }

  /** Histograms from many hosts can be added; their percentiles cannot be averaged. */
  merge(other: LatencyHistogram): void {
    if (other.counts.length !== this.counts.length || other.growth !== this.growth) {
      throw new Error('histograms must share a bucket layout to merge');
    }
    other.counts.forEach((c, i) => (this.counts[i] = this.counts[i]! + c));
    this.count += other.count;
  }
}
