/**
 * One crawl of the fixture site by the target, through its contract `<command> <start-url> --out FILE
 * --progress json`: the site counts every request (and the most in flight at once); the output file and the
 * progress lines on stderr are read back. Every phase 1 check judges one of these.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CheckContext } from '../frame.js';
import { expectedCrawl, type ExpectedCrawl } from '../fixtures/site-expectations.js';
import { startFixtureSite } from '../fixtures/site.js';

export const SEED = 42;
export const START_PATH = '/docs/p/0';
/** Slow pages of the fixture answer after this long: long enough to matter, short enough for a test. */
export const SLOW_MS = 150;

export interface Tick {
  readonly t: number;
  readonly done?: number;
  readonly queued?: number;
  readonly errors?: number;
  readonly rate?: number;
  readonly eventLoopDelayP99Ms?: number;
}

export interface Summary {
  readonly t?: number;
  readonly done?: number;
  readonly eventLoopDelayP99Ms?: number;
  readonly peakRssMb?: number;
}

/** One output record as read back: its page path and status. */
export interface OutputRecord {
  readonly path: string;
  readonly status: number;
}

/** What one crawl by the target produced. */
export interface Crawl {
  readonly pages: number;
  readonly expected: ExpectedCrawl;
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly notFound: boolean;
  readonly timedOut: boolean;
  readonly wallMs: number;
  readonly ticks: readonly Tick[];
  readonly summary: Summary | null;
  /** The last lines of stderr that were not progress JSON: what a crash said. */
  readonly otherStderr: readonly string[];
  readonly byPath: ReadonlyMap<string, number>;
  readonly maxInFlight: number;
  readonly output: OutputCheck;
}

export interface OutputCheck {
  /** Records by page path (the first one written for each). */
  readonly records: ReadonlyMap<string, OutputRecord>;
  readonly htmlWritten: number;
  readonly badLines: number;
  readonly firstBad: string | null;
}

export function parseJsonLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A generous limit that still ends a hung crawler: 30 s plus 20 ms a page (230 s at 10,000 pages). */
export function crawlTimeout(pages: number): number {
  return 30_000 + pages * 20;
}

/** Crawls a fresh fixture site of `pages` pages with the target and reads back what it wrote. */
export async function crawl(ctx: CheckContext, pages: number, label: string): Promise<Crawl> {
  const site = await startFixtureSite({ pages, seed: SEED, slowMs: SLOW_MS });
  ctx.defer(() => site.close(), 'close the fixture site');
  const out = join(ctx.workDir, `pages-${pages}.ndjson`);
  const ticks: Tick[] = [];
  let summary: Summary | null = null;
  const otherStderr: string[] = [];
  ctx.progress(`${label}: crawling the fixture site (${pages.toLocaleString('en-US')} pages) with ${ctx.project.name}`);
  const started = performance.now();
  const target = ctx.startTarget([`${site.url}${START_PATH}`, '--out', out, '--progress', 'json'], (line, stream) => {
    const json = stream === 'stderr' ? parseJsonLine(line) : null;
    if (json?.type === 'tick' && num(json.t) !== undefined) {
      const tick: Tick = { t: num(json.t)!, done: num(json.done), queued: num(json.queued), errors: num(json.errors), rate: num(json.rate), eventLoopDelayP99Ms: num(json.eventLoopDelayP99Ms) };
      ticks.push(tick);
      const total = (tick.done ?? 0) + (tick.queued ?? 0);
      ctx.progress(
        `${label}: ${(tick.done ?? 0).toLocaleString('en-US')}/${total.toLocaleString('en-US')} pages` +
          (tick.rate !== undefined ? ` · ${Math.round(tick.rate).toLocaleString('en-US')} pages/s` : '') +
          (tick.eventLoopDelayP99Ms !== undefined ? ` · event-loop delay p99 ${tick.eventLoopDelayP99Ms} ms` : '') +
          (tick.errors ? ` · ${tick.errors} error${tick.errors === 1 ? '' : 's'}` : ''),
      );
    } else if (json?.type === 'summary') {
      summary = { t: num(json.t), done: num(json.done), eventLoopDelayP99Ms: num(json.eventLoopDelayP99Ms), peakRssMb: num(json.peakRssMb) };
    } else if (line.trim() !== '') {
      otherStderr.push(line.trim());
      if (otherStderr.length > 5) otherStderr.shift();
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void target.stop();
  }, crawlTimeout(pages));
  const onAbort = (): void => void target.stop();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const status = await target.exited;
  clearTimeout(timer);
  ctx.signal.removeEventListener('abort', onAbort);
  const wallMs = performance.now() - started;
  const expected = expectedCrawl(pages, SEED, START_PATH);
  ctx.progress(`${label}: checking the output`);
  const output = await readOutput(out, expected);
  return { ...status, pages, expected, timedOut, wallMs, ticks, summary, otherStderr, byPath: new Map(site.stats.byPath), maxInFlight: site.stats.maxInFlight, output };
}

/** Reads the NDJSON back as a stream (a crawl's output can be tens of MB) and checks each line. */
async function readOutput(file: string, expected: ExpectedCrawl): Promise<OutputCheck> {
  const records = new Map<string, OutputRecord>();
  if (!existsSync(file)) return { records, htmlWritten: 0, badLines: 0, firstBad: null };
  let badLines = 0;
  let firstBad: string | null = null;
  let n = 0;
  const bad = (why: string): void => {
    badLines++;
    firstBad ??= `output line ${n}: ${why}`;
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    n++;
    if (line.trim() === '') continue;
    const record = parseJsonLine(line);
    if (!record) {
      bad('not a JSON object');
      continue;
    }
    const missing = ['url', 'status', 'title', 'text', 'links'].filter((k) => !(k in record));
    if (missing.length > 0) {
      bad(`missing ${missing.join(', ')}`);
      continue;
    }
    if (typeof record.url !== 'string' || !Array.isArray(record.links) || typeof record.status !== 'number') {
      bad('url must be a string, status a number and links an array');
      continue;
    }
    let path: string;
    try {
      path = new URL(record.url).pathname.replace(/(.)\/+$/, '$1');
    } catch {
      bad(`url is not absolute: ${String(record.url).slice(0, 60)}`);
      continue;
    }
    if (records.has(path)) {
      bad(`${path} written twice`);
      continue;
    }
    records.set(path, { path, status: record.status });
  }
  const htmlWritten = [...records.keys()].filter((p) => expected.htmlPages.has(p)).length;
  return { records, htmlWritten, badLines, firstBad };
}

/** Why a crawl could not be judged on its figures alone: it did not run, crashed or hung. Empty when it ran to its end. */
export function crawlFailures(c: Crawl, ctx: Pick<CheckContext, 'project' | 'logFile'>): string[] {
  const said = c.otherStderr.at(-1);
  if (c.notFound) return [`could not start \`${(ctx.project.command ?? []).join(' ')}\`: command not found (see roadmap.project.json)`];
  if (c.timedOut) return [`did not finish within ${Math.round(crawlTimeout(c.pages) / 1000)} s; stopped (log: ${ctx.logFile})`];
  if (c.exitCode !== 0) {
    const how = c.exitCode === undefined ? `was killed by ${c.signal ?? 'a signal'}` : `exited ${c.exitCode}`;
    return [`the scraper ${how}${said ? `: ${said}` : ''} (log: ${ctx.logFile})`];
  }
  return [];
}
