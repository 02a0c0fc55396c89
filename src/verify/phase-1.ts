/**
 * Phase 1: the streaming scraper. The target crawls the fixture site (a real HTTP server in this process, built
 * from a seed, so the right answer is computed rather than stored) through its contract:
 * `<command> <start-url> --out FILE --progress json`. The site counts every request; the output file and the
 * progress lines on stderr are read back and judged.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expectedCrawl, expectedFetchCount, fetchesByPage, type ExpectedCrawl } from '../../projects/scraper/src/fixture-expectations.js';
import { startFixtureSite } from '../../projects/scraper/src/fixture-site.js';
import { figure, median, type CriterionRun, type Figure } from '../core/criteria.js';
import type { CheckContext, PhaseOptions, PhaseVerifier, WatchContext } from './phase-verifier.js';

/** The criterion is stated at 10,000 requests; fewer is a quicker smoke run, reported as such. */
export const FULL_PAGES = 10_000;
const SEED = 42;
const START_PATH = '/docs/p/0';
/** Slow pages of the fixture answer after this long: long enough to matter, short enough for a test. */
const SLOW_MS = 150;
const TICK_TARGET = { op: 'between', min: 400, max: 600 } as const;

interface Tick {
  readonly t: number;
  readonly done?: number;
  readonly queued?: number;
  readonly errors?: number;
  readonly rate?: number;
  readonly eventLoopDelayP99Ms?: number;
}

interface Summary {
  readonly t?: number;
  readonly done?: number;
  readonly eventLoopDelayP99Ms?: number;
  readonly peakRssMb?: number;
}

/** What one crawl by the target produced. */
interface Crawl {
  readonly pages: number;
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
}

function pagesOf(options: PhaseOptions): number {
  return options.pages ?? FULL_PAGES;
}

function parseJsonLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A generous limit that still ends a hung crawler: 30 s plus 20 ms a page (230 s at 10,000 pages). */
function timeoutFor(pages: number): number {
  return 30_000 + pages * 20;
}

async function crawl(ctx: CheckContext, out: string, pages: number): Promise<Crawl> {
  const site = await startFixtureSite({ pages, seed: SEED, slowMs: SLOW_MS });
  const ticks: Tick[] = [];
  let summary: Summary | null = null;
  const otherStderr: string[] = [];
  const label = ctx.runs > 1 ? `run ${ctx.run}/${ctx.runs} · ` : '';
  ctx.progress(`${label}crawling the fixture site (${pages.toLocaleString('en-US')} pages) with ${ctx.project.name}`);
  const started = performance.now();
  const target = ctx.startTarget([`${site.url}${START_PATH}`, '--out', out, '--progress', 'json'], (line, stream) => {
    const json = stream === 'stderr' ? parseJsonLine(line) : null;
    if (json?.type === 'tick' && num(json.t) !== undefined) {
      const tick: Tick = { t: num(json.t)!, done: num(json.done), queued: num(json.queued), errors: num(json.errors), rate: num(json.rate), eventLoopDelayP99Ms: num(json.eventLoopDelayP99Ms) };
      ticks.push(tick);
      const total = (tick.done ?? 0) + (tick.queued ?? 0);
      ctx.progress(
        `${label}crawling: ${(tick.done ?? 0).toLocaleString('en-US')}/${total.toLocaleString('en-US')} pages` +
          (tick.rate !== undefined ? ` · ${Math.round(tick.rate).toLocaleString('en-US')} pages/s` : '') +
          (tick.eventLoopDelayP99Ms !== undefined ? ` · event-loop delay p99 ${tick.eventLoopDelayP99Ms} ms` : '') +
          (tick.errors ? ` · ${tick.errors} errors` : ''),
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
  }, timeoutFor(pages));
  try {
    const status = await target.exited;
    const wallMs = performance.now() - started;
    return { ...status, pages, timedOut, wallMs, ticks, summary, otherStderr, byPath: new Map(site.stats.byPath) };
  } finally {
    clearTimeout(timer);
    await site.close();
  }
}

interface OutputCheck {
  readonly htmlWritten: number;
  readonly badLines: number;
  readonly firstBad: string | null;
}

/** Reads the NDJSON back as a stream (a crawl's output can be tens of MB) and checks each line. */
async function readOutput(file: string, expected: ExpectedCrawl): Promise<OutputCheck> {
  if (!existsSync(file)) return { htmlWritten: 0, badLines: 0, firstBad: null };
  const seen = new Set<string>();
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
    if (seen.has(path)) {
      bad(`${path} written twice`);
      continue;
    }
    seen.add(path);
  }
  const htmlWritten = [...seen].filter((p) => expected.htmlPages.has(p)).length;
  return { htmlWritten, badLines, firstBad };
}

/** Why a crawl could not be judged on its figures alone: it did not run, crashed or hung. */
function crawlFailures(c: Crawl, ctx: CheckContext): string[] {
  const said = c.otherStderr.at(-1);
  if (c.notFound) return [`could not start \`${ctx.project.command.join(' ')}\`: command not found (see roadmap.project.json)`];
  if (c.timedOut) return [`did not finish within ${Math.round(timeoutFor(c.pages) / 1000)} s; stopped (log: ${ctx.logFile})`];
  if (c.exitCode !== 0) {
    const how = c.exitCode === undefined ? `was killed by ${c.signal ?? 'a signal'}` : `exited ${c.exitCode}`;
    return [`the scraper ${how}${said ? `: ${said}` : ''} (log: ${ctx.logFile})`];
  }
  return [];
}

/** `crashed`: why the crawl could not be judged (from crawlFailures), empty when it ran to its end. */
function crawlCriterion(c: Crawl, expected: ExpectedCrawl, output: OutputCheck, crashed: readonly string[]): CriterionRun {
  const requests = [...c.byPath.values()].reduce((a, b) => a + b, 0);
  // A crawl that crashed or never started has nothing worth judging: say why, once.
  if (crashed.length > 0) return { id: 'p1.ac.10k-requests', figures: [figure('requests served', requests, 'requests')], failures: [...crashed] };
  const fetches = fetchesByPage(c.byPath);
  let reachableFetched = 0;
  let extra = 0;
  let disallowed = 0;
  for (const [path, n] of fetches) {
    if (path.startsWith('/docs/private/')) disallowed += n;
    else if (path === '/robots.txt') extra += Math.max(0, n - 1);
    else extra += Math.max(0, n - (expected.pages.has(path) || expected.files.has(path) ? expectedFetchCount(expected, path) : 0));
  }
  for (const path of expected.pages) if (fetches.has(path)) reachableFetched++;
  const figures: Figure[] = [
    figure('reachable pages requested', reachableFetched, 'pages', { op: '=', value: expected.pages.size }),
    figure('repeated or unneeded requests', extra, 'requests', { op: '=', value: 0 }),
    figure('robots-disallowed requests', disallowed, 'requests', { op: '=', value: 0 }),
    figure('HTML pages written', output.htmlWritten, 'pages', { op: '=', value: expected.htmlPages.size }),
    figure('malformed or duplicate lines', output.badLines, 'lines', { op: '=', value: 0 }),
  ];
  const failures: string[] = [];
  const lag = c.summary?.eventLoopDelayP99Ms;
  if (lag !== undefined) figures.push(figure('event-loop delay p99', lag, 'ms', { op: '<', value: 50 }));
  else failures.push('no summary line with eventLoopDelayP99Ms on stderr (run with --progress json; see the contract in README.md)');
  if (c.summary?.peakRssMb !== undefined) figures.push(figure('peak RSS', c.summary.peakRssMb, 'MB'));
  figures.push(figure('requests served', requests, 'requests'));
  if (c.wallMs > 0) figures.push(figure('throughput', Math.round((requests / c.wallMs) * 1000), 'requests/s'));
  if (output.firstBad) failures.push(output.firstBad);
  return { id: 'p1.ac.10k-requests', figures, failures };
}

function progressCriterion(c: Crawl, crashed: boolean): CriterionRun {
  const intervals = c.ticks.slice(1).map((tick, i) => tick.t - c.ticks[i]!.t);
  const failures: string[] = [];
  const figures: Figure[] = [figure('progress ticks', c.ticks.length, 'ticks')];
  if (intervals.length >= 2) {
    figures.push(figure('tick interval p50', median(intervals), 'ms', TICK_TARGET));
    figures.push(figure('tick interval max', Math.max(...intervals), 'ms', TICK_TARGET));
  } else if (!crashed) {
    failures.push(
      c.ticks.length === 0
        ? 'no progress ticks on stderr: with --progress json print {"type":"tick","t":<ms>,...} every 500 ms'
        : `only ${c.ticks.length} progress ticks in a ${(c.wallMs / 1000).toFixed(1)} s crawl: too few to measure (run a bigger crawl, or tick every 500 ms)`,
    );
  } else failures.push('not measured: the crawl did not complete');
  // Ticks must come in real time: their own clock cannot run far ahead of the verifier's.
  const lastT = c.ticks.at(-1)?.t;
  if (lastT !== undefined && lastT > c.wallMs + 1_000) failures.push(`tick times reach ${lastT} ms in a ${Math.round(c.wallMs)} ms crawl: "t" must be ms since the crawl started`);
  return { id: 'p1.ac.progress-500ms', figures, failures };
}

export const phase1: PhaseVerifier = {
  phase: 1,
  settings(options) {
    const pages = pagesOf(options);
    return { settings: { pages, seed: SEED, slowPagesMs: SLOW_MS }, full: pages >= FULL_PAGES };
  },
  async measure(ctx) {
    const pages = pagesOf(ctx.options);
    const expected = expectedCrawl(pages, SEED, START_PATH);
    const out = join(ctx.workDir, 'pages.ndjson');
    const c = await crawl(ctx, out, pages);
    ctx.progress(`${ctx.runs > 1 ? `run ${ctx.run}/${ctx.runs} · ` : ''}checking the output`);
    const output = await readOutput(out, expected);
    const crashed = crawlFailures(c, ctx);
    return [crawlCriterion(c, expected, output, crashed), progressCriterion(c, crashed.length > 0)];
  },
  async watch(ctx: WatchContext) {
    const pages = pagesOf(ctx.options);
    const site = await startFixtureSite({ pages, seed: SEED, slowMs: SLOW_MS });
    const { io } = ctx.deps;
    try {
      io.err(`fixture site: ${site.url}${START_PATH} (${pages.toLocaleString('en-US')} pages, robots.txt disallows /docs/private/)\n`);
      if (ctx.options.siteOnly) {
        io.err('serving until Ctrl-C\n');
        await ctx.interrupted;
        io.err(`${site.stats.total.toLocaleString('en-US')} request${site.stats.total === 1 ? '' : 's'} served\n`);
        return 0;
      }
      const out = join(ctx.outDir, 'pages.ndjson');
      io.err(`crawling with ${ctx.project.command.join(' ')} → ${out}\n`);
      const target = ctx.startTarget([`${site.url}${START_PATH}`, '--out', out, '--progress', io.isTTY ? 'bar' : 'none'], (line) => {
        // The bar is redrawn with \r, which arrives here as a line of its own: redraw it in place.
        if (/^\[[#-]+\]/.test(line)) io.err(`\r${line}`);
        else if (line !== '' && line !== '\u001b[K') io.err(`${io.isTTY ? '\r\u001b[K' : ''}${line.replace(/^\u001b\[K/, '')}\n`);
      });
      const status = await target.exited;
      const wrote = existsSync(out) && statSync(out).size > 0;
      io.err(wrote ? `output: ${out}\n` : `no output: ${ctx.project.name} wrote nothing to ${out} (the contract is in its README.md)\n`);
      return status.exitCode ?? 1;
    } finally {
      await site.close();
    }
  },
};
