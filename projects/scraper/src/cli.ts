import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Crawler, DEFAULT_MAX_PAGE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from './crawler.js';
import { NdjsonWriter } from './ndjson-writer.js';
import { fetchableUrl } from './normalise-url.js';
import { PARENT_PID_ENV, stdinIsPipe, watchParent } from './parent-watch.js';
import { ProgressReporter, type ProgressMode } from './progress.js';
import { readResumeState, type ResumeState } from './resume-state.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

export const USAGE =
  'usage: scraper <start-url...> [--out FILE] [--concurrency N] [--max-pages N] [--rate N] [--resume] [--progress bar|json|none] [--max-page-bytes N] [--request-timeout S]';

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
  /** Bodies over this many bytes are not read (the page is written with an error). */
  readonly maxPageBytes: number;
  /** Deadline of one request attempt, headers and body together. */
  readonly requestTimeoutMs: number;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function positiveSeconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a number of seconds above 0, got "${value}"`);
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
        'max-page-bytes': { type: 'string' },
        'request-timeout': { type: 'string' },
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
  const maxPageBytes = positiveInt('max-page-bytes', values['max-page-bytes']) ?? DEFAULT_MAX_PAGE_BYTES;
  if (maxPageBytes < 1) throw new UsageError('--max-page-bytes must be at least 1');
  const requestTimeoutS = positiveSeconds('request-timeout', values['request-timeout']);
  return {
    startUrls,
    ...(values.out === undefined ? {} : { out: values.out }),
    concurrency,
    ...(values['max-pages'] === undefined ? {} : { maxPages: positiveInt('max-pages', values['max-pages']) }),
    rate: positiveInt('rate', values.rate) ?? 0,
    resume: values.resume ?? false,
    progress,
    maxPageBytes,
    requestTimeoutMs: requestTimeoutS === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : Math.round(requestTimeoutS * 1000),
  };
}

/** What the CLI touches, injected so tests can run it in-process. */
export interface ScraperIo {
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  /** Aborts the crawl (the bin wires SIGINT/SIGTERM and the parent's death to it). */
  readonly signal?: AbortSignal;
}

/** A failure a person fixes by choosing another output: printed as one line, exit 1. */
class OutputError extends Error {}

/** Opens `--out` before anything is crawled, so a path we cannot write fails at once, as one line. */
async function openOutput(path: string, append: boolean): Promise<Writable> {
  const stream = createWriteStream(path, { flags: append ? 'a' : 'w' });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('ready', () => resolve());
      stream.once('error', reject);
    });
  } catch (error) {
    throw new OutputError(`cannot write --out "${path}": ${(error as Error).message}`, { cause: error });
  }
  return stream;
}

function lineList(numbers: readonly number[]): string {
  return numbers.slice(0, 10).join(', ') + (numbers.length > 10 ? ', …' : '');
}

/** What --resume found worth saying: a torn last line cut off, lines that are not records left alone. */
function reportResume(out: string, state: ResumeState, stderr: Writable): void {
  if (state.tornLine) {
    stderr.write(`scraper: --resume: cut off the torn last line ${state.tornLine.line} of ${out} (${state.tornLine.bytes} bytes); its page is fetched again\n`);
  }
  const bad = state.unreadableLines;
  if (bad.length > 0) {
    stderr.write(`scraper: --resume: ${bad.length} line${bad.length === 1 ? '' : 's'} of ${out} ${bad.length === 1 ? 'is' : 'are'} not a record (line${bad.length === 1 ? '' : 's'} ${lineList(bad)}); left as ${bad.length === 1 ? 'it is' : 'they are'}\n`);
  }
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
    // Opened first, so a path we cannot write fails before --resume touches the file. Appends go to the end
    // whatever readResumeState cuts off, as the file is opened with O_APPEND.
    const stream = args.out ? await openOutput(args.out, args.resume) : io.stdout;
    let resume: ResumeState | undefined;
    try {
      resume = args.resume && args.out ? await readResumeState(args.out) : undefined;
    } catch (error) {
      stream.destroy();
      throw new Error(`cannot read --out "${args.out}" to resume: ${(error as Error).message}`, { cause: error });
    }
    if (resume && args.out) reportResume(args.out, resume, io.stderr);
    // The crawl stops on the caller's signal and on an output that fails; the two end differently.
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(io.signal?.reason);
    if (io.signal?.aborted) onAbort();
    io.signal?.addEventListener('abort', onAbort, { once: true });
    const writer = new NdjsonWriter(stream, (error) => stop.abort(error));
    const crawler = new Crawler({
      startUrls: args.startUrls,
      concurrency: args.concurrency,
      requestsPerSecondPerHost: args.rate,
      maxPageBytes: args.maxPageBytes,
      requestTimeoutMs: args.requestTimeoutMs,
      ...(args.maxPages === undefined ? {} : { maxPages: args.maxPages }),
      ...(resume ? { alreadyDone: resume.done, resumeFrontier: resume.frontier } : {}),
      signal: stop.signal,
      onRobotsUnreachable: (robotsUrl, why) =>
        io.stderr.write(`scraper: ${robotsUrl} is unreachable (${why}), so nothing on its host is crawled (RFC 9309: complete disallow)\n`),
      onRecord: (record) => writer.write(record),
    });
    const progress = new ProgressReporter({ mode: args.progress, stats: crawler.stats, out: io.stderr });
    progress.start();
    try {
      await crawler.run();
    } catch (error) {
      if (!stop.signal.aborted) throw error;
    } finally {
      // Every record handed to the writer is one complete write(): ending the stream leaves whole lines only.
      await writer.end();
      io.signal?.removeEventListener('abort', onAbort);
      progress.stop(stop.signal.aborted);
    }
    if (writer.error) {
      throw new OutputError(`cannot write ${args.out ? `--out "${args.out}"` : 'stdout'}: ${writer.error.message}`, { cause: writer.error });
    }
    return io.signal?.aborted ? EXIT_INTERRUPTED : EXIT_OK;
  } catch (error) {
    io.stderr.write(`scraper: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

/** The bin's entry: wires process streams, signals and the parent watch, sets the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  const onSignal = (): void => {
    // A second Ctrl-C means "now": the person has waited long enough for in-flight pages.
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A parent that died took the read end of our stderr pipe with it: a status line may fail with EPIPE, and that
  // must not crash the process before the output file is closed on a whole line.
  process.stderr.on('error', () => {});
  const stopWatching = watchParent({
    parentPid: process.env[PARENT_PID_ENV],
    stdinIsPipe: stdinIsPipe(),
    onGone: (why) => {
      process.stderr.write(`scraper: ${why}; stopping\n`);
      controller.abort();
    },
  });
  process.exitCode = await runScraper(argv, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  stopWatching?.();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
