import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Crawler } from './crawler.js';
import { NdjsonWriter } from './ndjson-writer.js';
import { fetchableUrl } from './normalise-url.js';
import { ProgressReporter, type ProgressMode } from './progress.js';
import { readResumeState } from './resume-state.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

export const USAGE =
  'usage: scraper <start-url...> [--out FILE] [--concurrency N] [--max-pages N] [--rate N] [--resume] [--progress bar|json|none]';

/** A mistake in the command line: printed as one line with the usage, exit 2. */
export class UsageError extends Error {}

export interface ScraperArgs {
  readonly startUrls: string[];
  readonly out?: string;
  readonly concurrency: number;
  readonly maxPages?: number;
  readonly rate: number;
  readonly resume: boolean;
  readonly progress: ProgressMode;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** Parses the command line; throws UsageError on anything it does not understand. */
export function parseScraperArgs(argv: readonly string[], stderrIsTTY: boolean): ScraperArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        concurrency: { type: 'string', short: 'c' },
        'max-pages': { type: 'string' },
        rate: { type: 'string' },
        resume: { type: 'boolean' },
        progress: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('help');
  if (positionals.length === 0) throw new UsageError('at least one start URL is required');
  const startUrls = positionals.map((p) => {
    const url = fetchableUrl(p);
    if (url === null) throw new UsageError(`not an http(s) URL: "${p}"`);
    return url;
  });
  const progress = values.progress ?? (stderrIsTTY ? 'bar' : 'none');
  if (progress !== 'bar' && progress !== 'json' && progress !== 'none') {
    throw new UsageError(`--progress must be bar, json or none, got "${progress}"`);
  }
  if (values.resume && values.out === undefined) throw new UsageError('--resume needs --out FILE');
  const concurrency = positiveInt('concurrency', values.concurrency) ?? 16;
  if (concurrency < 1) throw new UsageError('--concurrency must be at least 1');
  return {
    startUrls,
    ...(values.out === undefined ? {} : { out: values.out }),
    concurrency,
    ...(values['max-pages'] === undefined ? {} : { maxPages: positiveInt('max-pages', values['max-pages']) }),
    rate: positiveInt('rate', values.rate) ?? 0,
    resume: values.resume ?? false,
    progress,
  };
}

/** What the CLI touches, injected so tests can run it in-process. */
export interface ScraperIo {
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  /** Aborts the crawl (the bin wires SIGINT/SIGTERM to it). */
  readonly signal?: AbortSignal;
}

/** Runs the scraper CLI and returns its exit code; never calls process.exit. */
export async function runScraper(argv: readonly string[], io: ScraperIo): Promise<number> {
  let args: ScraperArgs;
  try {
    args = parseScraperArgs(argv, io.stderr.isTTY === true);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(error.message === 'help' ? `${USAGE}\n` : `scraper: ${error.message}\n${USAGE}\n`);
    return error.message === 'help' ? EXIT_OK : EXIT_USAGE;
  }
  try {
    const resume = args.resume && args.out ? await readResumeState(args.out) : undefined;
    const stream = args.out ? createWriteStream(args.out, { flags: args.resume ? 'a' : 'w' }) : io.stdout;
    const writer = new NdjsonWriter(stream);
    const crawler = new Crawler({
      startUrls: args.startUrls,
      concurrency: args.concurrency,
      requestsPerSecondPerHost: args.rate,
      ...(args.maxPages === undefined ? {} : { maxPages: args.maxPages }),
      ...(resume ? { alreadyDone: resume.done, resumeFrontier: resume.frontier } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onRecord: (record) => writer.write(record),
    });
    const progress = new ProgressReporter({ mode: args.progress, stats: crawler.stats, out: io.stderr });
    progress.start();
    try {
      await crawler.run();
    } catch (error) {
      if (!io.signal?.aborted) throw error;
    } finally {
      // Every record handed to the writer is one complete write(): ending the stream leaves whole lines only.
      await writer.end();
      progress.stop(io.signal?.aborted === true);
    }
    return io.signal?.aborted ? EXIT_INTERRUPTED : EXIT_OK;
  } catch (error) {
    io.stderr.write(`scraper: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

/** The bin's entry: wires process streams and signals, sets the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  const onSignal = (): void => {
    // A second Ctrl-C means "now": the person has waited long enough for in-flight pages.
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.exitCode = await runScraper(argv, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
