import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, isRetryableStatus, retryAfterMs } from './backoff.js';
import { extractPage } from './extract.js';
import { HostRateLimiter } from './host-rate-limiter.js';
import { NdjsonWriter } from './ndjson-writer.js';
import { normaliseUrl } from './normalise-url.js';
import { ProgressReporter, type ProgressTick } from './progress.js';
import { replaceNul, replaceNulInRecord } from './replace-nul.js';
import { readResumeState } from './resume-state.js';
import { robotsPolicy } from './robots.js';
import { parseScraperArgs, UsageError } from './cli.js';
import { watchParent } from './parent-watch.js';

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

describe('retryAfterMs', () => {
  const now = Date.parse('1994-11-06T08:49:30Z');
  it.each([
    ['120', 120_000],
    [' 3 ', 3000],
    ['0', 0],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 7000], // IMF-fixdate
    ['Sunday, 06-Nov-94 08:49:37 GMT', 7000], // obsolete RFC 850 form
    ['Sun Nov  6 08:49:37 1994', 7000], // asctime: no zone, and still GMT
    ['Sun, 06 Nov 1994 08:49:00 GMT', 0], // in the past: now
    ['1.5', undefined],
    ['-3', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %s ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
  it('takes the first of repeated headers', () => {
    expect(retryAfterMs(['2', '9'], now)).toBe(2000);
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
  it.each([
    [404, true],
    [401, true],
    [429, true], // RFC 9309 §2.3.1.3 names the whole 4xx range "unavailable"
    [500, false],
    [503, false],
    [0, false], // network error or timeout
    [301, false], // a redirect that could not be followed
  ])('robots.txt answered %i → allowed: %s (RFC 9309)', (status, allowed) => {
    expect(robotsPolicy(robotsUrl, { status, body: '' }, 'bot').isAllowed('http://a.test/docs')).toBe(allowed);
  });
  it('allows everything after too many redirects (RFC 9309 §2.3.1.2)', () => {
    expect(robotsPolicy(robotsUrl, { status: 301, body: '', tooManyRedirects: true }, 'bot').isAllowed('http://a.test/docs')).toBe(true);
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

  it('holds every request to a paused host until the pause ends, and no other host', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new HostRateLimiter(() => 0, () => now, async (ms) => void slept.push(ms));
    limiter.pause('a', 2000);
    limiter.pause('a', 500); // a shorter pause does not shorten the first
    await Promise.all([limiter.wait('a'), limiter.wait('b')]);
    expect(slept).toEqual([2000]);
    now = 1500;
    await limiter.wait('a');
    expect(slept).toEqual([2000, 500]);
    now = 2000;
    await limiter.wait('a');
    expect(slept).toEqual([2000, 500]);
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
  const line = (n: number): string => `${JSON.stringify({ url: `http://a.test/${n}`, links: [`http://a.test/${n}`, `http://a.test/${n + 1}`] })}\n`;

  async function withFile(content: string, check: (file: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'scraper-resume-'));
    try {
      const file = join(dir, 'out.ndjson');
      await writeFile(file, content);
      await check(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('collects done URLs and their links, and cuts a torn last line', async () => {
    await withFile(`${line(1)}{"url":"http://a.test/2","li`, async (file) => {
      const state = await readResumeState(file);
      expect([...state.done]).toEqual(['http://a.test/1']);
      expect([...state.frontier]).toEqual(['http://a.test/2']);
      expect(state.tornLine).toEqual({ line: 2, bytes: 28 });
      expect(await readFile(file, 'utf8')).toBe(line(1));
    });
  });

  it('keeps every record around blank and unreadable lines, and leaves those lines alone', async () => {
    const content = `${line(1)}\n   \n${line(2)}not json at all\n{"no":"url"}\n${line(3)}\r\n${line(4)}`;
    await withFile(content, async (file) => {
      const state = await readResumeState(file);
      expect([...state.done]).toEqual(['http://a.test/1', 'http://a.test/2', 'http://a.test/3', 'http://a.test/4']);
      expect([...state.frontier]).toEqual(['http://a.test/5']);
      expect(state).toMatchObject({ records: 4, unreadableLines: [5, 6], newlineAdded: false });
      expect(state.tornLine).toBeUndefined();
      expect(await readFile(file, 'utf8')).toBe(content);
    });
  });

  it('keeps a whole last record that lost its newline, and gives it the newline', async () => {
    await withFile(`${line(1)}${line(2).trimEnd()}`, async (file) => {
      const state = await readResumeState(file);
      expect(state).toMatchObject({ records: 2, newlineAdded: true });
      expect(await readFile(file, 'utf8')).toBe(`${line(1)}${line(2)}`);
    });
  });

  it('cuts whitespace after the last newline, so appended lines start on a line of their own', async () => {
    await withFile(`${line(1)}  `, async (file) => {
      await readResumeState(file);
      expect(await readFile(file, 'utf8')).toBe(line(1));
    });
  });

  it('reads a missing file as an empty crawl', async () => {
    expect(await readResumeState(join(tmpdir(), 'scraper-resume-none', 'nothing.ndjson'))).toMatchObject({ records: 0, unreadableLines: [] });
  });
});

describe('replaceNul', () => {
  it('replaces U+0000 with U+FFFD and leaves other text as it is', () => {
    expect(replaceNul('a\0b\0')).toBe('a\uFFFDb\uFFFD');
    const clean = { url: 'http://a.test/', status: 200, title: 't', headings: [], text: 'x', links: [] };
    expect(replaceNulInRecord(clean)).toBe(clean);
    expect(replaceNulInRecord({ ...clean, error: 'e\0' }).error).toBe('e\uFFFD');
  });
});

describe('ProgressReporter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks every 500 ms in json mode and ends with one summary line', () => {
    vi.useFakeTimers();
    let now = 0;
    let out = '';
    const stats = { done: 0, queued: 3, inFlight: 1, errors: 0, skipped: 0, disallowed: 0, duplicateRedirects: 0, retries: 0, requests: 0 };
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => void ((out += chunk.toString()), done()) });
    const reporter = new ProgressReporter({ mode: 'json', stats, out: sink, now: () => now });
    reporter.start();
    for (let i = 1; i <= 3; i++) {
      now += 500;
      stats.done += 10;
      vi.advanceTimersByTime(500);
    }
    reporter.stop();
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as ProgressTick | { type: 'summary'; done: number; interrupted: boolean });
    expect(lines.map((l) => l.type)).toEqual(['tick', 'tick', 'tick', 'summary']);
    expect(lines.slice(0, 3).map((l) => [(l as ProgressTick).t, l.done])).toEqual([[500, 10], [1000, 20], [1500, 30]]);
    expect(lines[3]).toMatchObject({ done: 30, interrupted: false });
  });
});

describe('watchParent', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('watches nothing when no parent asked for it (stdin a TTY, a file or /dev/null, and no ROADMAP_PARENT_PID)', () => {
    expect(watchParent({ stdinIsPipe: false, onGone: () => {} })).toBeUndefined();
    expect(watchParent({ stdinIsPipe: false, parentPid: '', onGone: () => {} })).toBeUndefined();
  });

  it('with stdin a pipe: stops once we are reparented', async () => {
    vi.useFakeTimers();
    let ppid = 100;
    const gone: string[] = [];
    const stop = watchParent({ stdinIsPipe: true, ppid: () => ppid, isAlive: () => true, onGone: (why) => gone.push(why) });
    await vi.advanceTimersByTimeAsync(2000);
    expect(gone).toEqual([]);
    ppid = 1;
    await vi.advanceTimersByTimeAsync(500);
    expect(gone).toEqual(['parent process 100 is gone']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(gone).toHaveLength(1);
    stop?.();
  });

  it('with ROADMAP_PARENT_PID: stops once that process no longer exists, even when it is not our direct parent', async () => {
    vi.useFakeTimers();
    let alive = true;
    const gone: string[] = [];
    const stop = watchParent({ stdinIsPipe: false, parentPid: '4242', ppid: () => 100, isAlive: (pid) => pid === 4242 && alive, onGone: (why) => gone.push(why) });
    await vi.advanceTimersByTimeAsync(1000);
    expect(gone).toEqual([]);
    alive = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(gone).toEqual(['parent process 4242 (ROADMAP_PARENT_PID) is gone']);
    stop?.();
  });

  it('with ROADMAP_PARENT_PID of a process already gone: stops at once', async () => {
    const gone: string[] = [];
    const stop = watchParent({ stdinIsPipe: false, parentPid: '4242', ppid: () => 100, isAlive: () => false, onGone: (why) => gone.push(why) });
    await Promise.resolve();
    expect(gone).toHaveLength(1);
    stop?.();
  });
});

describe('parseScraperArgs', () => {
  it('reads every option', () => {
    expect(
      parseScraperArgs(['http://a.test/x/', '--out', 'o.ndjson', '-c', '4', '--max-pages', '10', '--resume', '--progress', 'json'], false),
    ).toEqual({
      startUrls: ['http://a.test/x/'], out: 'o.ndjson', concurrency: 4, maxPages: 10, rate: 0, resume: true, progress: 'json',
      maxPageBytes: 10 * 1024 * 1024, requestTimeoutMs: 30_000,
    });
  });
  it('reads the size cap and the request deadline', () => {
    expect(parseScraperArgs(['http://a.test/', '--max-page-bytes', '1024', '--request-timeout', '2.5'], false)).toMatchObject({
      maxPageBytes: 1024,
      requestTimeoutMs: 2500,
    });
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
    [['http://a.test/', '--max-page-bytes', '0'], /at least 1/],
    [['http://a.test/', '--max-page-bytes', '10MB'], /non-negative integer/],
    [['http://a.test/', '--request-timeout', '0'], /seconds above 0/],
    [['http://a.test/', '--request-timeout', 'soon'], /seconds above 0/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseScraperArgs(argv, false)).toThrow(UsageError);
    expect(() => parseScraperArgs(argv, false)).toThrow(message);
  });
});
