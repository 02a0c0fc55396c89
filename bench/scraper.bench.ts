// Phase 1: pages per second of the reference scraper crawling the 10,000-page fixture site, with its event-loop
// delay p99, against the fixture server's own maximum rate (autocannon, 16 connections like the crawler's
// default concurrency) measured in the same run. The ratio shows how close the crawler gets to what this
// machine can serve; both run as separate processes on the same 2 cores, interleaved, 3 rounds.
// The site's slow pages (150 ms each) put a floor under the crawl time at a concurrency of 16, computed from the
// site map and reported next to it: the crawl is latency-bound, not CPU-bound, well below the server's limit.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expectedCrawl } from '../src/verify/fixtures/site-expectations.js';
import { describeFixtureSite } from '../src/verify/fixtures/site.js';
import { loadPaths as loadFrom } from '../src/verify/kit/load.js';
import { execaRunner } from '../src/system/runner.js';

/** The verifier's load generator (a process of its own), so the bench measures what verify measures. */
const loadPaths = (url: string, paths: readonly string[], options: { connections: number; seconds: number }) =>
  loadFrom(execaRunner(), join(import.meta.dirname, '..'), url, paths, options);
// @ts-expect-error plain JS helper
import { summarize } from './stats.mjs';

const ROUNDS = 3;
const PAGES = 10_000;
const SLOW_MS = 150;
const CONCURRENCY = 16;
const project = join(import.meta.dirname, '..', 'projects', 'scraper');

interface Site {
  readonly url: string;
  stop(): Promise<unknown>;
}

/** Starts the fixture site in its own process; resolves with its origin and a stop function. */
async function startSite(): Promise<Site> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'verify', 'fixtures', 'site-main.ts'), '--pages', String(PAGES), '--slow-ms', String(SLOW_MS)], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fixture site exited ${code}`)));
  });
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

/** Ordinary pages only (not the slow, failing or redirecting ones): the server's best case. */
function ordinaryPaths(): string[] {
  return describeFixtureSite(PAGES, 42).filter((p) => p.kind === 'page').slice(0, 500).map((p) => p.path);
}

async function fixtureMaxRate() {
  const site = await startSite();
  try {
    const r = await loadPaths(site.url, ordinaryPaths(), { connections: CONCURRENCY, seconds: 5 });
    return { requestsPerSecond: r.rps, p99Ms: r.p99, errors: r.errors };
  } finally {
    await site.stop();
  }
}

async function crawl(dir: string) {
  const site = await startSite();
  try {
    const out = join(dir, 'pages.ndjson');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(project, 'bin', 'scraper.js'), `${site.url}/docs/p/0`, '--out', out, '--progress', 'json'], { encoding: 'utf8' });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`scraper exited ${r.status}: ${r.stderr.slice(-300)}`);
    const summary = JSON.parse(r.stderr.trim().split('\n').at(-1)!) as { pagesPerSecond: number; requests: number; eventLoopDelayP99Ms: number; peakRssMb: number; done: number };
    return { pagesPerSecond: summary.pagesPerSecond, requestsPerSecond: (summary.requests / wallMs) * 1000, eventLoopDelayP99Ms: summary.eventLoopDelayP99Ms, peakRssMb: summary.peakRssMb, pages: summary.done };
  } finally {
    await site.stop();
  }
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-bench-scraper-'));
  try {
    const fixture = [];
    const crawls = [];
    for (let i = 0; i < ROUNDS; i++) {
      fixture.push(await fixtureMaxRate());
      crawls.push(await crawl(dir));
    }
    const pick = <T extends Record<string, number>>(rows: T[], key: keyof T) => summarize(rows.map((r) => r[key]));
    // At most CONCURRENCY requests in flight: the slow pages alone take this long, whatever the CPU does.
    const expected = expectedCrawl(PAGES, 42);
    const slow = describeFixtureSite(PAGES, 42).filter((p) => p.kind === 'slow' && expected.pages.has(p.path)).length;
    const floorS = (slow * SLOW_MS) / CONCURRENCY / 1000;
    const fixtureRate = pick(fixture, 'requestsPerSecond');
    const crawlRate = pick(crawls, 'requestsPerSecond');
    return {
      unit: 'requests/s',
      baseline: { what: 'fixture site max rate (autocannon, 16 connections, ordinary pages, 5 s)', ...fixtureRate, p99Ms: pick(fixture, 'p99Ms').median },
      subject: {
        what: `reference scraper crawling ${PAGES.toLocaleString('en-US')} pages (default concurrency 16)`,
        ...crawlRate,
        pagesPerSecond: pick(crawls, 'pagesPerSecond').median,
        eventLoopDelayP99Ms: pick(crawls, 'eventLoopDelayP99Ms').median,
        peakRssMb: pick(crawls, 'peakRssMb').median,
        crawlSeconds: Math.round((PAGES / pick(crawls, 'pagesPerSecond').median) * 10) / 10,
        slowPagesFloorSeconds: Math.round(floorS * 100) / 100,
      },
      ratio: Math.round((crawlRate.median / fixtureRate.median) * 100) / 100,
      goal: 'event-loop delay p99 < 50 ms (the ratio is reported: how close the crawl gets to the server limit)',
      pass: pick(crawls, 'eventLoopDelayP99Ms').median < 50,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
