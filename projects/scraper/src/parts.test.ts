import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus } from './backoff.js';
import { extractPage } from './extract.js';
import { HostRateLimiter } from './host-rate-limiter.js';
import { NdjsonWriter } from './ndjson-writer.js';
import { normaliseUrl } from './normalise-url.js';
import { readResumeState } from './resume-state.js';
import { robotsPolicy } from './robots.js';
import { parseScraperArgs, UsageError } from './cli.js';

describe('normaliseUrl', () => {
  it.each([
    ['http://a.test/docs/p/1#intro', undefined, 'http://a.test/docs/p/1'],
    ['http://a.test/docs/p/1/', undefined, 'http://a.test/docs/p/1'],
    ['http://A.test:80/', undefined, 'http://a.test/'],
    ['/docs/p/2?b=2&a=1', 'http://a.test/docs/p/1', 'http://a.test/docs/p/2?a=1&b=2'],
    ['../x', 'http://a.test/docs/p/1', 'http://a.test/docs/x'],
    ['http://a.test/docs?', undefined, 'http://a.test/docs'],
    ['mailto:a@b.test', undefined, null],
    ['javascript:void(0)', undefined, null],
    ['http://[bad', undefined, null],
  ])('%s (base %s) → %s', (href, base, expected) => {
    expect(normaliseUrl(href, base)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  const options = { baseMs: 100, maxMs: 1000 };
  it.each([
    [0, 0.5, 50],
    [1, 0.5, 100],
    [3, 0.999, 799],
    [10, 0.5, 500], // capped at maxMs before jitter
    [2, 0, 0], // full jitter can mean "retry now"
  ])('attempt %i with random %f → %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, options, () => r)).toBe(expected);
  });

  it.each([[500, true], [503, true], [429, true], [404, false], [200, false]])('status %i retryable: %s', (s, r) => {
    expect(isRetryableStatus(s)).toBe(r);
  });
});

describe('extractPage', () => {
  const html = `<html><head><title> Streams  guide </title><base href="/docs/"><script>var x = "<a href='/js'>";</script></head>
    <body><nav><a href="/nav">Navigation chrome</a></nav>
    <main><h1>Streams</h1><p>Backpressure   matters.</p><h2>Drain</h2><p>Wait for it.</p>
    <a href="api#top">API</a><a href="api">again</a><a href="https://other.test/x/">other</a><a href="mailto:x@y">mail</a>
    <style>.x{}</style></main><footer>Copyright boilerplate</footer></body></html>`;
  const page = extractPage(html, 'http://a.test/guide/streams');

  it('takes the title, headings and main text without boilerplate', () => {
    expect(page.title).toBe('Streams guide');
    expect(page.headings).toEqual([{ level: 1, text: 'Streams' }, { level: 2, text: 'Drain' }]);
    expect(page.text).toContain('Backpressure matters.');
    expect(page.text).not.toMatch(/Navigation|Copyright|\.x\{|var x/);
  });

  it('resolves links against <base>, without fragments, deduplicated', () => {
    expect(page.links).toEqual(['http://a.test/nav', 'http://a.test/docs/api', 'https://other.test/x/']);
  });

  it('falls back to the first heading when there is no <title>', () => {
    expect(extractPage('<body><h2>Only heading</h2></body>', 'http://a.test/').title).toBe('Only heading');
  });
});

describe('robotsPolicy', () => {
  const robotsUrl = 'http://a.test/robots.txt';
  it('applies Disallow rules and Crawl-delay', () => {
    const policy = robotsPolicy(robotsUrl, { status: 200, body: 'User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n' }, 'bot');
    expect(policy.isAllowed('http://a.test/docs')).toBe(true);
    expect(policy.isAllowed('http://a.test/private/x')).toBe(false);
    expect(policy.crawlDelayMs).toBe(2000);
  });
  it.each([[404, true], [500, false], [0, false]])('robots.txt answered %i → allowed: %s (RFC 9309)', (status, allowed) => {
    expect(robotsPolicy(robotsUrl, { status, body: '' }, 'bot').isAllowed('http://a.test/docs')).toBe(allowed);
  });
});

describe('HostRateLimiter', () => {
  it('spaces request starts per host, not across hosts', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new HostRateLimiter(() => 100, () => now, async (ms) => void slept.push(ms));
    await Promise.all([limiter.wait('a'), limiter.wait('a'), limiter.wait('a'), limiter.wait('b')]);
    expect(slept).toEqual([100, 200]);
    now = 1000;
    await limiter.wait('a');
    expect(slept).toEqual([100, 200]);
  });
});

describe('NdjsonWriter', () => {
  it('waits for drain when the stream is full, so at most one buffer is held', async () => {
    let maxBuffered = 0;
    const chunks: string[] = [];
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString());
        setTimeout(done, 1);
      },
    });
    const writer = new NdjsonWriter(slow);
    let waits = 0;
    for (let i = 0; i < 50; i++) {
      const before = slow.writableLength;
      await writer.write({ i, text: 'x'.repeat(40) });
      if (slow.writableLength < before + 40) waits++;
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
    }
    await writer.end();
    expect(waits).toBeGreaterThan(10);
    expect(maxBuffered).toBeLessThan(64 + 60);
    const lines = chunks.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual([...Array(50).keys()]);
  });
});

describe('readResumeState', () => {
  it('collects done URLs and their links, and cuts a torn last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scraper-resume-'));
    try {
      const file = join(dir, 'out.ndjson');
      const good = `${JSON.stringify({ url: 'http://a.test/1', links: ['http://a.test/1', 'http://a.test/2'] })}\n`;
      await writeFile(file, `${good}{"url":"http://a.test/2","li`);
      const state = await readResumeState(file);
      expect([...state.done]).toEqual(['http://a.test/1']);
      expect([...state.frontier]).toEqual(['http://a.test/2']);
      expect(await readFile(file, 'utf8')).toBe(good);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseScraperArgs', () => {
  it('reads every option', () => {
    expect(
      parseScraperArgs(['http://a.test/x/', '--out', 'o.ndjson', '-c', '4', '--max-pages', '10', '--resume', '--progress', 'json'], false),
    ).toEqual({ startUrls: ['http://a.test/x/'], out: 'o.ndjson', concurrency: 4, maxPages: 10, rate: 0, resume: true, progress: 'json' });
  });
  it('defaults progress to a bar on a TTY only', () => {
    expect(parseScraperArgs(['http://a.test/'], true).progress).toBe('bar');
    expect(parseScraperArgs(['http://a.test/'], false).progress).toBe('none');
  });
  it.each([
    [[], /start URL/],
    [['ftp://a.test/'], /not an http/],
    [['http://a.test/', '--concurrency', 'lots'], /non-negative integer/],
    [['http://a.test/', '--progress', 'fancy'], /bar, json or none/],
    [['http://a.test/', '--resume'], /needs --out/],
    [['http://a.test/', '--bogus'], /bogus/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseScraperArgs(argv, false)).toThrow(UsageError);
    expect(() => parseScraperArgs(argv, false)).toThrow(message);
  });
});
