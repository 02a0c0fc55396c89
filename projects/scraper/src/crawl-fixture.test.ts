import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScraper } from './cli.js';
import type { PageRecord } from './crawler.js';
import { expectedCrawl, fetchesByPage } from '../../../src/verify/fixtures/site-expectations.js';
import { startFixtureSite, type FixtureSite } from '../../../src/verify/fixtures/site.js';
import { normaliseUrl } from './normalise-url.js';
import type { ProgressSummary, ProgressTick } from './progress.js';

const PAGES = 200;
const SEED = 42;

const pagePath = (url: string): string => new URL(normaliseUrl(url)!).pathname;

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('a crawl of the fixture site (200 pages)', () => {
  let site: FixtureSite;
  let dir: string;
  let records: PageRecord[];
  let lines: string[];
  let ticks: ProgressTick[];
  let summary: ProgressSummary;
  let exitCode: number;
  const expected = expectedCrawl(PAGES, SEED);

  beforeAll(async () => {
    site = await startFixtureSite({ pages: PAGES, seed: SEED, slowMs: 100 });
    dir = await mkdtemp(join(tmpdir(), 'scraper-crawl-'));
    const out = join(dir, 'out.ndjson');
    const stderr = new Capture();
    exitCode = await runScraper(
      [`${site.url}/docs/p/0`, '--out', out, '--concurrency', '4', '--rate', '150', '--progress', 'json'],
      { stdout: new Capture(), stderr },
    );
    lines = (await readFile(out, 'utf8')).split('\n');
    records = lines.filter((l) => l !== '').map((l) => JSON.parse(l) as PageRecord);
    const progress = stderr.text.trim().split('\n').map((l) => JSON.parse(l) as ProgressTick | ProgressSummary);
    ticks = progress.filter((p): p is ProgressTick => p.type === 'tick');
    summary = progress.at(-1) as ProgressSummary;
  });

  afterAll(async () => {
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 and writes valid NDJSON, one record per line, ending on a newline', () => {
    expect(exitCode).toBe(0);
    expect(lines.at(-1)).toBe('');
    for (const record of records) {
      expect(record).toEqual(expect.objectContaining({ url: expect.any(String), status: expect.any(Number), title: expect.any(String), text: expect.any(String), links: expect.any(Array) }));
    }
  });

  it('fetches every reachable page exactly once (500-once pages twice) and robots.txt once', () => {
    expect(expected.pages.size).toBeGreaterThan(150);
    const fetches = fetchesByPage(site.stats.byPath);
    for (const path of expected.pages) expect({ path, n: fetches.get(path) }).toEqual({ path, n: expected.flaky.has(path) ? 2 : 1 });
    expect(site.stats.count('/robots.txt')).toBe(1);
  });

  it('never fetches a disallowed path or anything unreachable', () => {
    const fetched = [...fetchesByPage(site.stats.byPath).keys()];
    expect(fetched.filter((p) => p.startsWith('/docs/private/'))).toEqual([]);
    const allowed = new Set([...expected.pages, ...expected.files, '/robots.txt']);
    expect(fetched.filter((p) => !allowed.has(p))).toEqual([]);
    expect(summary.disallowed).toBeGreaterThan(0);
  });

  it('writes one record per page: 500-once pages present with 200, 404s as errors, redirects under their target', () => {
    const urls = records.map((r) => pagePath(r.url));
    expect(new Set(urls).size).toBe(urls.length);
    expect(new Set(urls)).toEqual(expected.htmlPages);
    const byPath = new Map(records.map((r) => [pagePath(r.url), r]));
    for (const path of expected.flaky) expect(byPath.get(path)?.status).toBe(200);
    for (const path of expected.missing) expect(byPath.get(path)?.status).toBe(404);
    expect(records.filter((r) => r.status >= 400).length).toBe(expected.missing.size);
    const page = byPath.get('/docs/p/1')!;
    expect(page.title).toBe('Page 1 — Fixture Docs');
    expect(page.text).toMatch(/^Page 1 /);
    expect(page.text).not.toContain('footer boilerplate');
  });

  it('fetches non-HTML resources once but does not write them', () => {
    expect(expected.files.size).toBeGreaterThan(0);
    for (const path of expected.files) expect(site.stats.count(path)).toBe(1);
    expect(summary.skipped).toBe(expected.files.size);
  });

  // The cadence is ProgressReporter's (parts.test.ts, on fake timers) and the event-loop delay a figure the
  // verifier measures: on a busy machine neither is this suite's to judge.
  it('ticks progress while it crawls and ends with a summary of the figures', () => {
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    for (const [i, tick] of ticks.entries()) if (i > 0) expect(tick.t).toBeGreaterThan(ticks[i - 1]!.t);
    for (const tick of ticks) expect(tick).toEqual(expect.objectContaining({ done: expect.any(Number), queued: expect.any(Number), errors: expect.any(Number), rate: expect.any(Number), eventLoopDelayP99Ms: expect.any(Number), elu: expect.any(Number) }));
    expect(summary).toEqual(expect.objectContaining({ type: 'summary', peakRssMb: expect.any(Number), eventLoopDelayP99Ms: expect.any(Number), interrupted: false }));
    expect(summary.done).toBeGreaterThanOrEqual(records.length + summary.skipped);
    expect(summary.errors).toBe(records.filter((r) => r.error !== undefined).length);
  });
});
