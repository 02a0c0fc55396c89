// Step 1 and 2: counters, gauges, histograms and the Prometheus text exposition format.
export type Labels = Record<string, string>;
export interface Exemplar {
  labels: Labels; // e.g. { trace_id: '4bf9…' }: a link from a bucket to one trace that landed in it
  value: number;
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const num = (n: number) => (n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n));
const fmt = (labels: Labels) => {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
};

abstract class Metric<S> {
  protected readonly series = new Map<string, { labels: Labels; state: S }>();
  abstract readonly type: 'counter' | 'gauge' | 'histogram';

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    for (const l of labelNames) if (!LABEL_NAME.test(l) || l.startsWith('__')) throw new Error(`invalid label ${l}`);
  }

  protected get(labels: Labels, init: () => S): S {
    const keys = Object.keys(labels).sort();
    if (keys.join() !== [...this.labelNames].sort().join()) {
      throw new Error(`${this.name} expects labels [${this.labelNames.join(', ')}]`);
    }
    const ordered = Object.fromEntries(this.labelNames.map((n) => [n, labels[n]!]));
    const key = JSON.stringify(ordered);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels: ordered, state: init() }));
    return s.state;
  }

  /** Family name: OpenMetrics drops the `_total` suffix of counters in HELP/TYPE lines. */
  family(openMetrics: boolean): string {
    return openMetrics && this.type === 'counter' ? this.name.replace(/_total$/, '') : this.name;
  }

  abstract samples(openMetrics: boolean): string[];
}

export class Counter extends Metric<{ value: number }> {
  readonly type = 'counter';
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    if (!name.endsWith('_total')) throw new Error(`counter ${name} should end in _total`);
    super(name, help, labelNames);
  }
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error('counters only go up; use a gauge');
    this.get(labels, () => ({ value: 0 })).value += by;
  }
  samples(): string[] {
    return [...this.series.values()].map(({ labels, state }) => `${this.name}${fmt(labels)} ${num(state.value)}`);
  }
}

export class Gauge extends Metric<{ value: number }> {
  readonly type = 'gauge';
  set(labels: Labels, value: number): void {
    this.get(labels, () => ({ value: 0 })).value = value;
  }
  inc(labels: Labels = {}, by = 1): void {
    this.get(labels, () => ({ value: 0 })).value += by;
  }
  samples(): string[] {
    return [...this.series.values()].map(({ labels, state }) => `${this.name}${fmt(labels)} ${num(state.value)}`);
  }
}

interface HistogramState {
  counts: number[]; // per bucket, NOT cumulative (we accumulate when rendering)
  exemplars: (Exemplar | undefined)[];
  sum: number;
  count: number;
}

export class Histogram extends Metric<HistogramState> {
  readonly type = 'histogram';
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames);
    if (labelNames.includes('le')) throw new Error('"le" is reserved for histogram buckets');
    if (buckets.some((b, i) => i > 0 && b <= buckets[i - 1]!)) throw new Error('buckets must increase');
  }

  observe(labels: Labels, value: number, exemplar?: Labels): void {
    const s = this.get(labels, () => ({
      counts: new Array<number>(this.buckets.length + 1).fill(0), // + the implicit +Inf bucket
      exemplars: [],
      sum: 0,
      count: 0,
    }));
    let i = this.buckets.findIndex((b) => value <= b); // "le" = less than or equal
    if (i === -1) i = this.buckets.length;
    s.counts[i]!++;
    if (exemplar) s.exemplars[i] = { labels: exemplar, value };
    s.sum += value;
    s.count++;
  }

  samples(openMetrics: boolean): string[] {
    const out: string[] = [];
    for (const { labels, state } of this.series.values()) {
      let cumulative = 0;
      [...this.buckets, Infinity].forEach((le, i) => {
        cumulative += state.counts[i]!;
        const ex = state.exemplars[i];
        const exemplar = openMetrics && ex ? ` # ${fmt(ex.labels)} ${num(ex.value)}` : '';
        out.push(`${this.name}_bucket${fmt({ ...labels, le: num(le) })} ${cumulative}${exemplar}`);
      });
      out.push(`${this.name}_sum${fmt(labels)} ${num(state.sum)}`, `${this.name}_count${fmt(labels)} ${state.count}`);
    }
    return out;
  }
}

export class Registry {
  private readonly metrics = new Map<string, Counter | Gauge | Histogram>();

  register<M extends Counter | Gauge | Histogram>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`duplicate metric ${metric.name}`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  render(format: 'prometheus' | 'openmetrics' = 'prometheus'): string {
    const om = format === 'openmetrics';
    const lines: string[] = [];
    for (const m of this.metrics.values()) {
      const help = m.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
      lines.push(`# HELP ${m.family(om)} ${help}`, `# TYPE ${m.family(om)} ${m.type}`, ...m.samples(om));
    }
    if (om) lines.push('# EOF');
    return lines.join('\n') + '\n'; // the last line must end with a line feed
  }
}
