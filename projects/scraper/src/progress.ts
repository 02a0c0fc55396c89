import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import type { CrawlStats } from './crawler.js';

export type ProgressMode = 'bar' | 'json' | 'none';

/** One `--progress json` line. Times in ms since the crawl started; rate in pages per second. */
export interface ProgressTick {
  readonly type: 'tick';
  readonly t: number;
  readonly done: number;
  readonly queued: number;
  readonly inFlight: number;
  readonly errors: number;
  readonly rate: number;
  /** Seconds left at the current rate, null before the first page. */
  readonly etaS: number | null;
  /** Event-loop delay p99 since the start (perf_hooks monitorEventLoopDelay). */
  readonly eventLoopDelayP99Ms: number;
  /** Event-loop utilisation over the last tick, 0–1. */
  readonly elu: number;
}

/** The final line, in every mode: the figures the verifier and the README quote. */
export interface ProgressSummary {
  readonly type: 'summary';
  readonly t: number;
  readonly done: number;
  readonly errors: number;
  readonly skipped: number;
  readonly disallowed: number;
  readonly retries: number;
  readonly requests: number;
  readonly pagesPerSecond: number;
  readonly eventLoopDelayP99Ms: number;
  readonly eventLoopDelayMaxMs: number;
  readonly peakRssMb: number;
  readonly interrupted: boolean;
}

export interface ProgressReporterOptions {
  readonly mode: ProgressMode;
  readonly stats: CrawlStats;
  /** Where ticks go; stderr in the CLI, so stdout stays pure NDJSON. */
  readonly out: Writable;
  /** @default 500 */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
const nsToMs = (ns: number): number => round(ns / 1e6, 2);

/**
 * Reports crawl progress every `intervalMs`: a one-line bar (redrawn with `\r`) for people, or one JSON line per
 * tick for the verifier, which measures the spacing of ticks and reads the event-loop delay from them. The
 * histogram runs in this process, so it measures the crawler's own loop, not the verifier's.
 */
export class ProgressReporter {
  readonly #options: ProgressReporterOptions;
  readonly #now: () => number;
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  #start = 0;
  #timer: NodeJS.Timeout | undefined;
  #elu = performance.eventLoopUtilization();

  constructor(options: ProgressReporterOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Starts the histogram and the ticking. */
  start(): void {
    this.#start = this.#now();
    this.#histogram.enable();
    this.#elu = performance.eventLoopUtilization();
    this.#timer = setInterval(() => this.#tick(), this.#options.intervalMs ?? 500);
  }

  /** A snapshot now; also what each tick prints. */
  snapshot(): ProgressTick {
    const { stats } = this.#options;
    const t = Math.round(this.#now() - this.#start);
    const rate = t > 0 ? (stats.done / t) * 1000 : 0;
    const elu = performance.eventLoopUtilization(this.#elu);
    this.#elu = performance.eventLoopUtilization();
    return {
      type: 'tick', t, done: stats.done, queued: stats.queued, inFlight: stats.inFlight, errors: stats.errors,
      rate: round(rate), etaS: rate > 0 ? Math.round((stats.queued + stats.inFlight) / rate) : null,
      eventLoopDelayP99Ms: nsToMs(this.#histogram.percentile(99)), elu: round(elu.utilization, 3),
    };
  }

  #tick(): void {
    const tick = this.snapshot();
    if (this.#options.mode === 'json') this.#options.out.write(`${JSON.stringify(tick)}\n`);
    if (this.#options.mode === 'bar') this.#options.out.write(`\r${renderBar(tick)}\x1b[K`);
  }

  /** Stops ticking and writes the summary line (JSON in json mode, text otherwise). */
  stop(interrupted = false): ProgressSummary {
    clearInterval(this.#timer);
    this.#histogram.disable();
    const { stats } = this.#options;
    const t = Math.round(this.#now() - this.#start);
    const summary: ProgressSummary = {
      type: 'summary', t, done: stats.done, errors: stats.errors, skipped: stats.skipped, disallowed: stats.disallowed,
      retries: stats.retries, requests: stats.requests, pagesPerSecond: t > 0 ? round((stats.done / t) * 1000) : 0,
      eventLoopDelayP99Ms: nsToMs(this.#histogram.percentile(99)), eventLoopDelayMaxMs: nsToMs(this.#histogram.max),
      // maxRSS is the process's peak resident set in KiB, not the current one.
      peakRssMb: round(process.resourceUsage().maxRSS / 1024), interrupted,
    };
    const { out, mode } = this.#options;
    if (mode === 'json') out.write(`${JSON.stringify(summary)}\n`);
    else {
      if (mode === 'bar') out.write('\r\x1b[K');
      out.write(
        `${interrupted ? 'interrupted' : 'done'}: ${summary.done} pages in ${(t / 1000).toFixed(1)} s ` +
          `(${summary.pagesPerSecond} pages/s), ${summary.errors} errors, ${summary.skipped} non-HTML skipped, ` +
          `${summary.disallowed} disallowed, event-loop delay p99 ${summary.eventLoopDelayP99Ms} ms, ` +
          `peak RSS ${summary.peakRssMb} MB\n`,
      );
    }
    return summary;
  }
}

/** `[########------------] 120/340  85.2 p/s  errors 2  ETA 3s` */
export function renderBar(tick: ProgressTick, width = 24): string {
  const total = tick.done + tick.queued + tick.inFlight;
  const filled = total === 0 ? 0 : Math.round((tick.done / total) * width);
  const eta = tick.etaS === null ? '--' : `${tick.etaS}s`;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${tick.done}/${total}  ${tick.rate} p/s  errors ${tick.errors}  ETA ${eta}`;
}
