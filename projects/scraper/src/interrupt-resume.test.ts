import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_INTERRUPTED, EXIT_OK, runScraper } from './cli.js';
import type { PageRecord } from './crawler.js';
import { describeFixturePage, startFixtureSite, type FixtureSite } from '../../../src/verify/fixtures/site.js';
import { normaliseUrl } from './normalise-url.js';

const sink = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });

async function readRecords(file: string): Promise<{ text: string; records: PageRecord[] }> {
  const text = await readFile(file, 'utf8');
  return { text, records: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as PageRecord) };
}

describe('an interrupted crawl, then --resume', () => {
  let site: FixtureSite;
  let dir: string;

  beforeAll(async () => {
    site = await startFixtureSite({ pages: 150, seed: 7, slowMs: 100 });
    dir = await mkdtemp(join(tmpdir(), 'scraper-resume-'));
  });

  afterAll(async () => {
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stops on abort leaving whole lines, and the resumed run completes the crawl without repeating pages', async () => {
    const out = join(dir, 'out.ndjson');
    const args = [`${site.url}/docs/p/0`, '--out', out, '--concurrency', '4', '--rate', '200', '--progress', 'none'];
    const controller = new AbortController();
    // Interrupted mid-crawl: once the site has answered 40 requests, whatever the machine's speed.
    const poll = setInterval(() => site.stats.total >= 40 && controller.abort(), 5);
    const first = await runScraper(args, { stdout: sink(), stderr: sink(), signal: controller.signal });
    clearInterval(poll);
    expect(first).toBe(EXIT_INTERRUPTED);
    const partial = await readRecords(out);
    expect(partial.text.endsWith('\n')).toBe(true);
    expect(partial.records.length).toBeGreaterThan(5);

    const requestsBefore = site.stats.total;
    const second = await runScraper([...args, '--resume'], { stdout: sink(), stderr: sink() });
    expect(second).toBe(EXIT_OK);
    const full = await readRecords(out);
    const keys = full.records.map((r) => normaliseUrl(r.url));
    expect(new Set(keys).size).toBe(keys.length);
    expect(full.records.length).toBeGreaterThan(partial.records.length + 50);
    // Pages already written were not fetched again by the resumed run.
    for (const record of partial.records) {
      const path = new URL(normaliseUrl(record.url)!).pathname;
      const fetches = site.stats.count(path) + site.stats.count(`${path}/`);
      const flaky = describeFixturePage(Number(path.split('/').pop()), 150, 7).kind === 'flaky';
      expect({ path, fetches }).toEqual({ path, fetches: flaky ? 2 : 1 });
    }
    expect(site.stats.total).toBeGreaterThan(requestsBefore);
  });
});
