/**
 * TEST FIXTURE — not a mock. A real HTTP server on 127.0.0.1 serving a deterministic documentation site, so
 * the scraper (ours or a learner's) is exercised over real sockets against the awkward cases of the web:
 * robots.txt, slow pages, 404s, 500s that succeed on retry, redirects and non-HTML resources.
 *
 * The site is a pure function of (pages, seed): `describeFixtureSite` returns the same map the server
 * serves, so tests can compute which pages are reachable instead of hard-coding counts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FixturePageKind = 'page' | 'slow' | 'missing' | 'flaky' | 'redirect';

/** One generated page: what it is and the site paths it links to. */
export interface FixturePage {
  readonly index: number;
  readonly path: string;
  readonly kind: FixturePageKind;
  /** For `redirect` pages, the path the 301/302 points to. */
  readonly redirectTo?: string;
  /** Site-relative hrefs as written in the HTML (some with fragments, trailing slashes or external hosts). */
  readonly hrefs: readonly string[];
}

export interface FixtureSiteOptions {
  /** Number of `/docs/p/<i>` pages. */
  readonly pages: number;
  readonly seed: number;
  /** Delay of the slow pages. @default 150 */
  readonly slowMs?: number;
}

/** Per-path request counts, so a test can assert "fetched exactly once, disallowed never". */
export interface FixtureStats {
  readonly byPath: Map<string, number>;
  total: number;
  count(path: string): number;
}

export interface FixtureSite {
  /** Origin, e.g. `http://127.0.0.1:41234`; the crawl starts at `${url}/docs/p/0`. */
  readonly url: string;
  readonly stats: FixtureStats;
  close(): Promise<void>;
}

export const FIXTURE_ROBOTS_TXT = 'User-agent: *\nDisallow: /docs/private/\n';

/** mulberry32: a tiny seeded PRNG; determinism matters more than quality here. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function kindOf(i: number): FixturePageKind {
  // Page 0 is the start page and must be an ordinary page.
  if (i === 0) return 'page';
  if (i % 50 === 7) return 'missing';
  if (i % 40 === 3) return 'flaky';
  if (i % 30 === 11) return 'redirect';
  if (i % 25 === 5) return 'slow';
  return 'page';
}

/** The page at index `i` of a site of `pages` pages generated from `seed`. */
export function describeFixturePage(i: number, pages: number, seed: number): FixturePage {
  const rand = prng(seed * 1_000_003 + i);
  const path = `/docs/p/${i}`;
  const kind = kindOf(i);
  if (kind === 'redirect') {
    // Every fourth redirect points into the disallowed area: a crawler must check robots after redirects too.
    const target = Math.floor(i / 30) % 4 === 0 ? `/docs/private/moved-${i}` : `/docs/p/${(i + 1 + Math.floor(rand() * 5)) % pages}`;
    return { index: i, path, kind, redirectTo: target, hrefs: [] };
  }
  if (kind === 'missing') return { index: i, path, kind, hrefs: [] };
  const hrefs: string[] = [];
  // A chain i → i+1 keeps most of the site reachable; the random links make the graph messy.
  if (i + 1 < pages) hrefs.push(`/docs/p/${i + 1}`);
  const extra = 2 + Math.floor(rand() * 6); // 3–8 links in total
  for (let k = 0; k < extra; k++) {
    const target = Math.floor(rand() * pages);
    const variant = Math.floor(rand() * 4);
    // The same page written three ways: dedup must normalise fragments and trailing slashes.
    hrefs.push(variant === 0 ? `/docs/p/${target}#section-${k}` : variant === 1 ? `/docs/p/${target}/` : `/docs/p/${target}`);
  }
  if (i % 9 === 4) hrefs.push(`/docs/private/notes-${i}`);
  if (i % 17 === 2) hrefs.push(`/docs/files/guide-${i}.pdf`);
  if (i % 23 === 6) hrefs.push(`/docs/api/page-${i}.json`);
  if (i % 13 === 1) hrefs.push('https://example.invalid/elsewhere');
  if (i % 11 === 10) hrefs.push('mailto:docs@example.invalid');
  return { index: i, path, kind, hrefs };
}

/** The whole site map; cheap enough for the tests' reachability computation. */
export function describeFixtureSite(pages: number, seed: number): FixturePage[] {
  return Array.from({ length: pages }, (_, i) => describeFixturePage(i, pages, seed));
}

const WORDS = ['stream', 'buffer', 'event', 'loop', 'promise', 'module', 'worker', 'signal', 'socket', 'parser',
  'request', 'response', 'handler', 'cache', 'queue', 'retry', 'timeout', 'backoff', 'header', 'crawler'];

function sentence(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
}

function renderPage(page: FixturePage, seed: number): string {
  const rand = prng(seed * 7919 + page.index);
  const links = page.hrefs.map((h, k) => `<li><a href="${h}">link ${k}</a></li>`).join('');
  return `<!doctype html><html><head><title>Page ${page.index} — Fixture Docs</title>
<style>body{font-family:sans-serif}</style><script>window.analytics = 1;</script></head>
<body><header><nav><a href="/docs/p/0">Home</a> site navigation</nav></header>
<main><h1>Page ${page.index}</h1><p>${sentence(rand, 30)}.</p>
<h2>Usage of page ${page.index}</h2><p>${sentence(rand, 40)}.</p>
<h3>Details</h3><p>${sentence(rand, 20)}.</p><ul>${links}</ul></main>
<footer>Fixture footer boilerplate</footer></body></html>`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the fixture site on 127.0.0.1, port 0 (a free port). Close it in `afterAll`. */
export async function startFixtureSite(options: FixtureSiteOptions): Promise<FixtureSite> {
  const { pages, seed } = options;
  const slowMs = options.slowMs ?? 150;
  const failedOnce = new Set<string>();
  const byPath = new Map<string, number>();
  const stats: FixtureStats = {
    byPath,
    total: 0,
    count: (path) => byPath.get(path) ?? 0,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fixture').pathname;
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    stats.total++;
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(FIXTURE_ROBOTS_TXT);
      return;
    }
    if (path === '/' || path === '/docs' || path === '/docs/') {
      res.writeHead(302, { location: '/docs/p/0' }).end();
      return;
    }
    if (path.startsWith('/docs/files/')) {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.4\n% fixture\n'));
      return;
    }
    if (path.startsWith('/docs/api/')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"fixture":true}');
      return;
    }
    if (path.startsWith('/docs/private/')) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>private</title><p>robots.txt says no</p>');
      return;
    }
    const match = /^\/docs\/p\/(\d+)\/?$/.exec(path);
    const index = match ? Number(match[1]) : -1;
    if (index < 0 || index >= pages) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
      return;
    }
    const page = describeFixturePage(index, pages, seed);
    switch (page.kind) {
      case 'missing':
        res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
        return;
      case 'redirect':
        res.writeHead(index % 60 === 11 ? 301 : 302, { location: page.redirectTo }).end();
        return;
      case 'flaky':
        if (!failedOnce.has(path)) {
          failedOnce.add(path);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('transient failure');
          return;
        }
        break;
      case 'slow':
        await sleep(slowMs);
        break;
      case 'page':
        break;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderPage(page, seed));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of a finished crawl would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
