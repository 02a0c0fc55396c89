/**
 * Phase 1: the streaming scraper. Every check crawls a fresh fixture site (a real HTTP server in this process,
 * built from a seed, so the right answer is computed rather than stored) through the contract
 * `<command> <start-url> --out FILE --progress json`, and judges what the site saw and what the scraper wrote.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { figure, median, type Figure } from '../../core/criteria.js';
import { intOption, type OptionValues } from '../options.js';
import type { Check, CheckContext, CheckOutcome, PhaseVerifier, WatchContext } from '../frame.js';
import { expectedFetchCount, fetchesByPage } from '../fixtures/site-expectations.js';
import { startFixtureSite } from '../fixtures/site.js';
import { crawl, crawlFailures, crawlTimeout, SEED, SLOW_MS, START_PATH, type Crawl } from './crawl.js';
import { FULL_PAGES, phase1Options } from './options.js';

const TICK_TARGET = { op: 'between', min: 400, max: 600 } as const;

/** Request counts of a crawl against the expected ones: what a deduplicating, robots-respecting crawler does. */
function requestFigures(c: Crawl, opts: { readonly retries: boolean }): { figures: Figure[]; requests: number } {
  const fetches = fetchesByPage(c.byPath);
  const requests = [...c.byPath.values()].reduce((a, b) => a + b, 0);
  let reachableFetched = 0;
  let extra = 0;
  let disallowed = 0;
  for (const [path, n] of fetches) {
    if (path.startsWith('/docs/private/')) disallowed += n;
    else if (path === '/robots.txt') extra += Math.max(0, n - 1);
    else if (c.expected.pages.has(path) || c.expected.files.has(path)) extra += Math.max(0, n - (opts.retries ? expectedFetchCount(c.expected, path) : c.expected.flaky.has(path) ? 2 : 1));
    else extra += n;
  }
  for (const path of c.expected.pages) if (fetches.has(path)) reachableFetched++;
  return {
    requests,
    figures: [
      figure('reachable pages requested', reachableFetched, 'pages', { op: '=', value: c.expected.pages.size }),
      figure('repeated or unneeded requests', extra, 'requests', { op: '=', value: 0 }),
      figure('robots-disallowed requests', disallowed, 'requests', { op: '=', value: 0 }),
      figure('HTML pages written', c.output.htmlWritten, 'pages', { op: '=', value: c.expected.htmlPages.size }),
      figure('malformed or duplicate lines', c.output.badLines, 'lines', { op: '=', value: 0 }),
    ],
  };
}

/** The crawl of one run at the option's size, shared by both criteria. */
function fullCrawl(ctx: CheckContext): Promise<Crawl> {
  return ctx.shared('crawl', () => crawl(ctx, intOption(ctx.options, 'pages'), 'the full crawl'));
}

function crashed(c: Crawl, ctx: CheckContext, figures: Figure[] = []): CheckOutcome | null {
  const failures = crawlFailures(c, ctx);
  return failures.length > 0 ? { figures, failures } : null;
}

const pagesTimeout = (options: OptionValues): number => crawlTimeout(intOption(options, 'pages')) + 10_000;

const tenThousandRequests: Check = {
  id: 'p1.ac.10k-requests',
  kind: 'measured',
  needs: [],
  timeoutMs: pagesTimeout,
  async check(ctx) {
    const c = await fullCrawl(ctx);
    const { figures, requests } = requestFigures(c, { retries: true });
    const early = crashed(c, ctx, [figure('requests served', requests, 'requests')]);
    if (early) return early;
    const failures: string[] = [];
    const lag = c.summary?.eventLoopDelayP99Ms;
    if (lag !== undefined) figures.push(figure('event-loop delay p99', lag, 'ms', { op: '<', value: 50 }));
    else failures.push('no summary line with eventLoopDelayP99Ms on stderr (run with --progress json; see the contract in README.md)');
    if (c.summary?.peakRssMb !== undefined) figures.push(figure('peak RSS', c.summary.peakRssMb, 'MB'));
    figures.push(figure('requests served', requests, 'requests'));
    if (c.wallMs > 0) figures.push(figure('throughput', Math.round((requests / c.wallMs) * 1000), 'requests/s'));
    if (c.output.firstBad) failures.push(c.output.firstBad);
    return { figures, failures };
  },
};

/** `strictMax`: the criterion judges the longest interval too; a stage only the median (a busy machine delays timers). */
function tickFigures(c: Crawl, didCrash: boolean, strictMax = true): CheckOutcome {
  const intervals = c.ticks.slice(1).map((tick, i) => tick.t - c.ticks[i]!.t);
  const failures: string[] = [];
  const figures: Figure[] = [figure('progress ticks', c.ticks.length, 'ticks')];
  if (intervals.length >= 2) {
    figures.push(figure('tick interval p50', median(intervals), 'ms', TICK_TARGET));
    figures.push(figure('tick interval max', Math.max(...intervals), 'ms', strictMax ? TICK_TARGET : null));
  } else if (!didCrash) {
    failures.push(
      c.ticks.length === 0
        ? 'no progress ticks on stderr: with --progress json print {"type":"tick","t":<ms>,...} every 500 ms'
        : `only ${c.ticks.length} progress tick${c.ticks.length === 1 ? '' : 's'} in a ${(c.wallMs / 1000).toFixed(1)} s crawl: too few to measure (run a bigger crawl, or tick every 500 ms)`,
    );
  } else failures.push('not measured: the crawl did not complete');
  // Ticks must come in real time: their own clock cannot run far ahead of the verifier's.
  const lastT = c.ticks.at(-1)?.t;
  if (lastT !== undefined && lastT > c.wallMs + 1_000) failures.push(`tick times reach ${lastT} ms in a ${Math.round(c.wallMs)} ms crawl: "t" must be ms since the crawl started`);
  return { figures, failures };
}

const progressEvery500ms: Check = {
  id: 'p1.ac.progress-500ms',
  kind: 'measured',
  needs: [],
  timeoutMs: pagesTimeout,
  async check(ctx) {
    const c = await fullCrawl(ctx);
    const failures = crawlFailures(c, ctx);
    const outcome = tickFigures(c, failures.length > 0);
    return { figures: outcome.figures, failures: [...failures, ...outcome.failures] };
  },
};

// Saturday stages: each crawls a small site sized for what that week builds.

const startPageRecord: Check = {
  id: 'start-page-record',
  kind: 'static',
  needs: [],
  timeoutMs: () => 60_000,
  async check(ctx) {
    const c = await crawl(ctx, 20, 'stage 1');
    const early = crashed(c, ctx);
    if (early) return early;
    const record = c.output.records.get(START_PATH);
    const failures: string[] = [];
    if (c.output.firstBad) failures.push(c.output.firstBad);
    if (!record) failures.push(`no record for the start page ${START_PATH} in the --out file (one JSON object per line: {url, status, title, text, links})`);
    else if (record.status !== 200) failures.push(`the start page's record has status ${record.status}, expected 200`);
    return { figures: [figure('records written', c.output.records.size, 'records', { op: '>=', value: 1 })], failures };
  },
};

const smallSiteCrawl: Check = {
  id: 'small-site-crawl',
  kind: 'static',
  needs: [],
  timeoutMs: () => 90_000,
  async check(ctx) {
    const c = await crawl(ctx, 200, 'stage 2');
    const early = crashed(c, ctx);
    if (early) return early;
    return { figures: requestFigures(c, { retries: false }).figures, failures: c.output.firstBad ? [c.output.firstBad] : [] };
  },
};

const progressTicks: Check = {
  id: 'progress-ticks',
  kind: 'static',
  needs: [],
  timeoutMs: () => 120_000,
  async check(ctx) {
    // Big enough for several ticks even from a fast crawler (about 3 s at the reference's pace).
    const c = await crawl(ctx, 3_000, 'stage 3');
    const failures = crawlFailures(c, ctx);
    const ticks = tickFigures(c, failures.length > 0, false);
    if (failures.length === 0 && c.summary === null) failures.push('no {"type":"summary",...} line on stderr at the end of the crawl');
    else if (failures.length === 0 && c.summary?.eventLoopDelayP99Ms === undefined) failures.push('the summary line has no eventLoopDelayP99Ms');
    if (c.output.firstBad) failures.push(c.output.firstBad);
    return { figures: ticks.figures, failures: [...failures, ...ticks.failures] };
  },
};

const concurrentCrawl: Check = {
  id: 'concurrent-crawl',
  kind: 'static',
  needs: [],
  timeoutMs: () => 120_000,
  async check(ctx) {
    const c = await crawl(ctx, 1_000, 'stage 4');
    const early = crashed(c, ctx);
    if (early) return early;
    const { figures } = requestFigures(c, { retries: true });
    const retried = [...c.expected.flaky].filter((p) => c.output.records.get(p)?.status === 200).length;
    figures.push(figure('flaky pages written after a retry', retried, 'pages', { op: '=', value: c.expected.flaky.size }));
    figures.push(figure('most requests in flight at once', c.maxInFlight, 'requests', { op: '>=', value: 4 }));
    return { figures, failures: c.output.firstBad ? [c.output.firstBad] : [] };
  },
};

async function watch(ctx: WatchContext): Promise<number> {
  const pages = intOption(ctx.options, 'pages');
  const site = await startFixtureSite({ pages, seed: SEED, slowMs: SLOW_MS });
  ctx.defer(() => site.close(), 'close the fixture site');
  const { io } = ctx.deps;
  io.err(`fixture site: ${site.url}${START_PATH} (${pages.toLocaleString('en-US')} pages, robots.txt disallows /docs/private/)\n`);
  if (ctx.options.siteOnly) {
    io.err('serving until Ctrl-C\n');
    ctx.defer(() => void io.err(`${site.stats.total.toLocaleString('en-US')} request${site.stats.total === 1 ? '' : 's'} served\n`), 'say how many requests were served');
    await ctx.interrupted;
    return 0;
  }
  const out = join(ctx.outDir, 'pages.ndjson');
  io.err(`crawling with ${(ctx.project.command ?? []).join(' ')} → ${out}\n`);
  const target = ctx.startTarget([`${site.url}${START_PATH}`, '--out', out, '--progress', io.isTTY ? 'bar' : 'none'], (line) => {
    // The bar is redrawn with \r, which arrives here as a line of its own: redraw it in place.
    if (/^\[[#-]+\]/.test(line)) io.err(`\r${line}`);
    else if (line !== '' && line !== '\u001b[K') io.err(`${io.isTTY ? '\r\u001b[K' : ''}${line.replace(/^\u001b\[K/, '')}\n`);
  });
  // On Ctrl-C the scraper gets SIGTERM and ends its file on a whole line; say where it is before roadmap exits.
  ctx.defer(async () => {
    await target.stop();
    if (ctx.signal.aborted) io.err(`output so far: ${out}\n`);
  }, 'stop the crawl');
  const status = await target.exited;
  const wrote = existsSync(out) && statSync(out).size > 0;
  io.err(wrote ? `output: ${out}\n` : `no output: ${ctx.project.name} wrote nothing to ${out} (the contract is in its README.md)\n`);
  return status.exitCode ?? 1;
}

export const phase1: PhaseVerifier = {
  phase: 1,
  contract: z.object({ command: z.array(z.string().min(1)).min(1, 'the command that starts the scraper is missing') }, { error: 'needs a "command"' }),
  contractSummary: 'roadmap.project.json names the "command" that starts the scraper: `<command> <start-url> --out FILE --progress json`',
  options: phase1Options,
  settings(options) {
    const pages = intOption(options, 'pages');
    return { settings: { pages, seed: SEED, slowPagesMs: SLOW_MS }, full: pages >= FULL_PAGES };
  },
  stageChecks: [startPageRecord, smallSiteCrawl, progressTicks, concurrentCrawl],
  criteria: [tenThousandRequests, progressEvery500ms],
  watch,
};
