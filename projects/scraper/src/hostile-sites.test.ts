import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Crawler, type CrawlerOptions, type PageRecord } from './crawler.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A real HTTP server whose routes each test sets: the awkward answers the fixture site does not give
 * (redirecting robots.txt, Retry-After, endless and trickling bodies, NUL bytes). Counts requests per path.
 */
class TestSite {
  readonly hits = new Map<string, number>();
  routes = new Map<string, Handler>();
  #server: Server | undefined;
  origin = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const handler = this.routes.get(path);
      if (handler) handler(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.hits.clear();
    this.routes = new Map();
  }

  count(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}

const html = (body: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(body);
const text = (body: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
const status = (code: number, headers: Record<string, string> = {}): Handler => (_req, res) => void res.writeHead(code, headers).end();
const redirect = (to: string): Handler => status(301, { location: to });

const site = new TestSite();
const other = new TestSite();

beforeAll(async () => {
  await Promise.all([site.start(), other.start()]);
});

afterAll(async () => {
  await Promise.all([site.stop(), other.stop()]);
});

beforeEach(() => {
  site.reset();
  other.reset();
});

/** A start page linking to a public and a private page. */
function linkedPages(): void {
  site.routes.set('/start', html('<title>start</title><a href="/public">p</a><a href="/private/x">x</a>'));
  site.routes.set('/public', html('<title>public</title>'));
  site.routes.set('/private/x', html('<title>private</title>'));
}

async function crawl(options: Partial<CrawlerOptions> & { start?: string } = {}): Promise<{ records: PageRecord[]; slept: number[]; crawler: Crawler }> {
  const records: PageRecord[] = [];
  const slept: number[] = [];
  const crawler = new Crawler({
    startUrls: [`${site.origin}${options.start ?? '/start'}`],
    retries: 1,
    backoff: { baseMs: 100, maxMs: 1000 },
    random: () => 0.5,
    now: () => 0,
    sleep: async (ms) => void slept.push(ms),
    onRecord: async (record) => void records.push(record),
    ...options,
  });
  await crawler.run();
  return { records, slept, crawler };
}

const paths = (records: PageRecord[]): string[] => records.map((r) => new URL(r.url).pathname).sort();

describe('robots.txt, the RFC 9309 way', () => {
  const rules = 'User-agent: *\nDisallow: /private/\n';

  it('follows a redirect and applies the rules it finds (not "disallow all")', async () => {
    linkedPages();
    site.routes.set('/robots.txt', redirect('/real-robots.txt'));
    site.routes.set('/real-robots.txt', text(rules));
    const { records } = await crawl();
    expect(paths(records)).toEqual(['/public', '/start']);
    expect(site.count('/private/x')).toBe(0);
  });

  it('follows a redirect to another host and applies those rules to the start origin', async () => {
    linkedPages();
    site.routes.set('/robots.txt', redirect(`${other.origin}/shared/robots.txt`));
    other.routes.set('/shared/robots.txt', text(rules));
    const { records } = await crawl();
    expect(paths(records)).toEqual(['/public', '/start']);
    expect(other.count('/shared/robots.txt')).toBe(1);
  });

  it('follows five consecutive redirects', async () => {
    linkedPages();
    site.routes.set('/robots.txt', redirect('/r1'));
    for (let i = 1; i < 5; i++) site.routes.set(`/r${i}`, redirect(`/r${i + 1}`));
    site.routes.set('/r5', text(rules));
    const { records } = await crawl();
    expect(paths(records)).toEqual(['/public', '/start']);
  });

  it('treats a sixth redirect as "unavailable": everything allowed', async () => {
    linkedPages();
    site.routes.set('/robots.txt', redirect('/r1'));
    for (let i = 1; i <= 5; i++) site.routes.set(`/r${i}`, redirect(`/r${i + 1}`));
    site.routes.set('/r6', text('User-agent: *\nDisallow: /\n'));
    const { records } = await crawl();
    expect(site.count('/r6')).toBe(0);
    expect(paths(records)).toEqual(['/private/x', '/public', '/start']);
  });

  it('treats a redirect loop as "unavailable" after five hops', async () => {
    linkedPages();
    site.routes.set('/robots.txt', redirect('/robots.txt'));
    const { records } = await crawl();
    expect(site.count('/robots.txt')).toBe(6);
    expect(paths(records)).toEqual(['/private/x', '/public', '/start']);
  });

  it.each([
    ['404: unavailable, everything allowed', status(404), ['/private/x', '/public', '/start']],
    ['410: unavailable, everything allowed', status(410), ['/private/x', '/public', '/start']],
    ['500 (after the retries): unreachable, nothing crawled', status(500), []],
    ['503: unreachable, nothing crawled', status(503), []],
    ['a redirect without a usable Location: unreachable, nothing crawled', status(302, { location: 'ftp://elsewhere.invalid/robots.txt' }), []],
    ['a dropped connection: unreachable, nothing crawled', (req: IncomingMessage) => void req.socket.destroy(), []],
  ])('robots.txt answered with %s', async (_name, handler, expected) => {
    linkedPages();
    site.routes.set('/robots.txt', handler);
    const told: string[] = [];
    const { records } = await crawl({ onRobotsUnreachable: (url, why) => told.push(`${url}: ${why}`) });
    expect(paths(records)).toEqual(expected);
    if (expected.length === 0) {
      expect(site.count('/start')).toBe(0);
      expect(told).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/robots\.txt: .+/)]);
    } else expect(told).toEqual([]);
  });

  it('parses the first 500 KiB of a larger robots.txt', async () => {
    linkedPages();
    site.routes.set('/robots.txt', text(`${rules}${'# padding\n'.repeat(200_000)}Disallow: /public\n`));
    const { records } = await crawl();
    // The rule past 500 KiB is not read; the one at the top is.
    expect(paths(records)).toEqual(['/public', '/start']);
  });
});

describe('Retry-After on 429 and 503', () => {
  it('waits the seconds a 429 asks for, then takes the page', async () => {
    let n = 0;
    site.routes.set('/start', (req, res) => (++n === 1 ? status(429, { 'retry-after': '2' })(req, res) : html('<title>ok</title>')(req, res)));
    const { records, slept } = await crawl();
    expect(slept).toEqual([2000]);
    expect(records).toEqual([expect.objectContaining({ status: 200, title: 'ok' })]);
  });

  it('reads an HTTP-date against the wall clock', async () => {
    let n = 0;
    const now = Date.parse('2025-06-12T10:00:00Z');
    site.routes.set('/start', (req, res) =>
      ++n === 1 ? status(503, { 'retry-after': 'Thu, 12 Jun 2025 10:00:07 GMT' })(req, res) : html('<title>ok</title>')(req, res),
    );
    const { records, slept } = await crawl({ wallClock: () => now });
    expect(slept).toEqual([7000]);
    expect(records[0]).toMatchObject({ status: 200 });
  });

  it('caps a long Retry-After and spends the retry budget, then records the failure', async () => {
    site.routes.set('/start', status(429, { 'retry-after': '86400' }));
    const { records, slept } = await crawl({ retries: 2, maxRetryAfterMs: 30_000 });
    expect(slept).toEqual([30_000, 30_000]);
    expect(site.count('/start')).toBe(3);
    expect(records).toEqual([expect.objectContaining({ status: 429, error: 'HTTP 429' })]);
  });

  it('never waits less than the backoff (a Retry-After of 0 still backs off)', async () => {
    let n = 0;
    site.routes.set('/start', (req, res) => (++n === 1 ? status(503, { 'retry-after': '0' })(req, res) : html('<title>ok</title>')(req, res)));
    const { slept } = await crawl();
    expect(slept).toEqual([50]);
  });

  it('holds the other requests to the host while it is paused', async () => {
    site.routes.set('/start', html('<a href="/a">a</a><a href="/b">b</a>'));
    let n = 0;
    site.routes.set('/a', (req, res) => (++n === 1 ? status(429, { 'retry-after': '5' })(req, res) : html('<title>a</title>')(req, res)));
    site.routes.set('/b', html('<title>b</title>'));
    const { records, slept } = await crawl({ concurrency: 1 });
    // /a's retry and /b both waited for the pause that /a's 429 started.
    expect(slept).toEqual([5000, 5000]);
    expect(paths(records)).toEqual(['/a', '/b', '/start']);
  });
});

describe('a body over --max-page-bytes', () => {
  it('is not read: the page is recorded with an error and the crawl goes on', async () => {
    site.routes.set('/start', html('<a href="/endless">e</a><a href="/declared">d</a><a href="/fits">f</a>'));
    let endlessBytes = 0;
    site.routes.set('/endless', (_req, res) => {
      // No Content-Length: the only way to stop it is to stop reading.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) endlessBytes += chunk.length;
      };
      res.on('drain', pump);
      pump();
    });
    site.routes.set('/declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(2 * 1024 ** 3) });
      res.write('<title>huge</title>');
    });
    site.routes.set('/fits', html(`<title>fits</title>${'b'.repeat(900 * 1024)}`));
    const { records, crawler } = await crawl({ maxPageBytes: 1024 * 1024 });
    const byPath = new Map(records.map((r) => [new URL(r.url).pathname, r]));
    for (const path of ['/endless', '/declared']) {
      expect(byPath.get(path)).toMatchObject({ status: 200, title: '', text: '', error: expect.stringContaining('--max-page-bytes') });
    }
    expect(byPath.get('/fits')).toMatchObject({ status: 200, title: 'fits' });
    expect(crawler.stats.errors).toBe(2);
    // It stopped reading near the limit, far from the 2 GB that crashed it.
    expect(endlessBytes).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('the request deadline', () => {
  it('cuts a server that trickles its body, records the page as a network error and goes on', async () => {
    site.routes.set('/start', html('<a href="/loris">l</a><a href="/fine">f</a>'));
    const timers: NodeJS.Timeout[] = [];
    site.routes.set('/loris', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      // A byte every 20 ms never trips the idle timeout; only a deadline on the whole request ends it.
      const timer = setInterval(() => res.write('x'), 20);
      timers.push(timer);
      res.on('close', () => clearInterval(timer));
    });
    site.routes.set('/fine', html('<title>fine</title>'));
    const { records } = await crawl({ requestTimeoutMs: 300, timeoutMs: 10_000 });
    for (const timer of timers) clearInterval(timer);
    const loris = records.find((r) => r.url.endsWith('/loris'));
    expect(loris).toMatchObject({ status: 0, error: expect.stringContaining('no complete response within 300 ms') });
    expect(site.count('/loris')).toBe(2);
    expect(records.find((r) => r.url.endsWith('/fine'))).toMatchObject({ status: 200, title: 'fine' });
  });

  it('covers a server that never sends its headers too', async () => {
    site.routes.set('/start', () => {});
    const { records } = await crawl({ requestTimeoutMs: 200, timeoutMs: 10_000, retries: 0 });
    expect(records).toEqual([expect.objectContaining({ status: 0, error: expect.stringContaining('within 200 ms') })]);
  });
});

describe('NUL bytes in a page', () => {
  it('never reach the record: replaced by U+FFFD in title, headings and text', async () => {
    site.routes.set('/start', html('<title>a\0b</title><main><h1>he\0ad</h1><p>bo\0dy</p><a href="/x\0y">l</a></main>'));
    const { records } = await crawl();
    const record = records.find((r) => r.url.endsWith('/start'))!;
    expect(JSON.stringify(record)).not.toContain('\\u0000');
    expect(record).toMatchObject({ title: 'a\uFFFDb', headings: [{ level: 1, text: 'he\uFFFDad' }] });
    expect(record.text).toContain('bo\uFFFDdy');
    expect(record.links).toEqual([`${site.origin}/x%00y`]);
  });
});
