export type Labels = Record<string, string>;

export interface Counter {
  inc(labels?: Labels, value?: number): void;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

type Pairs = Array<[string, string]>;

interface CounterSeries {
  labels: Pairs;
  value: number;
}

interface HistogramSeries {
  labels: Pairs;
  buckets: number[]; // cumulative counts, one per bound
  sum: number;
  count: number;
}

type Metric =
  | { kind: 'counter'; name: string; help: string; series: Map<string, CounterSeries> }
  | { kind: 'histogram'; name: string; help: string; bounds: number[]; series: Map<string, HistogramSeries> };

/** Sorted [name, value] pairs: the canonical identity of a series. */
function normalise(labels: Labels, reserved: readonly string[]): Pairs {
  const pairs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name] of pairs) {
    if (!LABEL_NAME.test(name) || name.startsWith('__') || reserved.includes(name)) {
      throw new Error(`invalid label name: ${name}`);
    }
  }
  return pairs;
}

// Backslash first: escaping quotes first would create backslashes that then get doubled.
const escapeLabelValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const formatNumber = (n: number) => (n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n));

function formatLabels(pairs: Pairs): string {
  if (pairs.length === 0) return '';
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

export class Registry {
  readonly #metrics = new Map<string, Metric>();

  #register(name: string): void {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name: ${name}`);
    if (this.#metrics.has(name)) throw new Error(`metric already registered: ${name}`);
  }

  counter(name: string, help: string): Counter {
    this.#register(name);
    const metric: Metric = { kind: 'counter', name, help, series: new Map() };
    this.#metrics.set(name, metric);
    return {
      inc: (labels: Labels = {}, value = 1) => {
        if (!(value >= 0)) throw new RangeError(`counters only go up; got ${value}`);
        const pairs = normalise(labels, []);
        const key = JSON.stringify(pairs);
        const series = metric.series.get(key) ?? { labels: pairs, value: 0 };
        series.value += value;
        metric.series.set(key, series);
      },
    };
  }

  histogram(name: string, help: string, buckets: number[]): Histogram {
    this.#register(name);
    const bounds = [...new Set(buckets.filter((b) => b !== Infinity))].sort((a, b) => a - b);
    const metric: Metric = { kind: 'histogram', name, help, bounds, series: new Map() };
    this.#metrics.set(name, metric);
    return {
      observe: (value: number, labels: Labels = {}) => {
        const pairs = normalise(labels, ['le']); // `le` is the bucket label; a user label would clash
        const key = JSON.stringify(pairs);
        const series = metric.series.get(key) ?? { labels: pairs, buckets: bounds.map(() => 0), sum: 0, count: 0 };
        // Cumulative: the value counts in EVERY bucket whose bound is >= value (le = "less or equal").
        bounds.forEach((bound, i) => {
          if (value <= bound) series.buckets[i] = (series.buckets[i] ?? 0) + 1;
        });
        series.sum += value;
        series.count += 1; // this is also the +Inf bucket
        metric.series.set(key, series);
      },
    };
  }

  render(): string {
    const lines: string[] = [];
    for (const metric of this.#metrics.values()) {
      lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.kind}`);
      if (metric.kind === 'counter') {
        for (const s of metric.series.values()) {
          lines.push(`${metric.name}${formatLabels(s.labels)} ${formatNumber(s.value)}`);
        }
      } else {
        for (const s of metric.series.values()) {
          metric.bounds.forEach((bound, i) => {
            const labels = formatLabels([...s.labels, ['le', formatNumber(bound)]]);
            lines.push(`${metric.name}_bucket${labels} ${s.buckets[i] ?? 0}`);
          });
          lines.push(`${metric.name}_bucket${formatLabels([...s.labels, ['le', '+Inf']])} ${s.count}`);
          lines.push(`${metric.name}_sum${formatLabels(s.labels)} ${formatNumber(s.sum)}`);
          lines.push(`${metric.name}_count${formatLabels(s.labels)} ${s.count}`);
        }
      }
    }
    return lines.join('\n') + '\n';
  }
}
