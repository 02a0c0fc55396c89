import { setMaxListeners } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, request, type Dispatcher } from 'undici';
import { backoffDelay, isRetryableStatus, type BackoffOptions } from './backoff.js';
import { extractPage, type Heading } from './extract.js';
import { HostRateLimiter } from './host-rate-limiter.js';
import { fetchableUrl, normaliseUrl } from './normalise-url.js';
import { robotsPolicy, type RobotsPolicy } from './robots.js';

/** One NDJSON line: a fetched HTML page, or a page that failed (status ≥ 400, or 0 for a network error). */
export interface PageRecord {
  /** Final URL after redirects, as fetched (no fragment). */
  readonly url: string;
  /** The URL as queued, when a redirect led elsewhere. */
  readonly requestedUrl?: string;
  readonly status: number;
  readonly title: string;
  readonly headings: Heading[];
  readonly text: string;
  readonly links: string[];
  readonly error?: string;
}

/** Live counters, read by the progress reporter on each tick. */
export interface CrawlStats {
  /** Pages finished (written, failed or skipped). */
  done: number;
  /** Accepted URLs waiting for a worker. */
  queued: number;
  inFlight: number;
  /** Pages written with status ≥ 400 or a network error, after retries. */
  errors: number;
  /** Non-HTML resources fetched and dropped. */
  skipped: number;
  /** Links refused by robots.txt (never fetched). */
  disallowed: number;
  /** Redirects whose final URL was already known. */
  duplicateRedirects: number;
  retries: number;
  requests: number;
}

export interface CrawlerOptions {
  readonly startUrls: readonly string[];
  /** Requests in flight at once. @default 16 */
  readonly concurrency?: number;
  /** Stop accepting new URLs after this many. @default Infinity */
  readonly maxPages?: number;
  /** Retries after the first attempt, on 5xx/429/408, network errors and timeouts. @default 3 */
  readonly retries?: number;
  /** @default { baseMs: 100, maxMs: 5000 } */
  readonly backoff?: BackoffOptions;
  /** Headers and body timeout of one request. @default 10000 */
  readonly timeoutMs?: number;
  /** Per-host request rate; 0 leaves only robots.txt's Crawl-delay. @default 0 */
  readonly requestsPerSecondPerHost?: number;
  /** @default 'roadmap-scraper/0.1' */
  readonly userAgent?: string;
  /** URLs already in the output (for --resume): never fetched again. */
  readonly alreadyDone?: Iterable<string>;
  /** Links of already-done pages (for --resume): the frontier to pick up from. */
  readonly resumeFrontier?: Iterable<string>;
  /** Receives each record; awaiting it is how output backpressure reaches the crawl. */
  readonly onRecord: (record: PageRecord) => Promise<void>;
  readonly signal?: AbortSignal;
  readonly dispatcher?: Dispatcher;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface FetchResult {
  readonly status: number;
  readonly location?: string;
  readonly contentType: string;
  /** The body, read only for text/html. */
  readonly html?: string;
  readonly error?: string;
}

const MAX_REDIRECTS = 5;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A same-site crawler: start URLs, links followed on the start hosts only, robots.txt respected, a concurrency
 * limit, a per-host rate limit, retries with exponential backoff and full jitter, redirects followed and
 * deduplicated by final URL, only text/html parsed. Records go to `onRecord` as they come; nothing of the crawl
 * is kept but the set of seen URLs.
 */
export class Crawler {
  readonly stats: CrawlStats = {
    done: 0, queued: 0, inFlight: 0, errors: 0, skipped: 0, disallowed: 0, duplicateRedirects: 0, retries: 0, requests: 0,
  };

  readonly #options: CrawlerOptions;
  readonly #seen = new Set<string>();
  readonly #robots = new Map<string, RobotsPolicy>();
  readonly #hosts: Set<string>;
  readonly #limit: LimitFunction;
  readonly #rate: HostRateLimiter;
  readonly #sleep: (ms: number) => Promise<void>;
  #dispatcher: Dispatcher | undefined;
  #accepted = 0;
  #pending = 0;
  #idle: (() => void) | undefined;

  constructor(options: CrawlerOptions) {
    this.#options = options;
    this.#hosts = new Set(options.startUrls.map((u) => new URL(u).host));
    this.#limit = pLimit({ concurrency: options.concurrency ?? 16, rejectOnClear: true });
    this.#sleep = options.sleep ?? defaultSleep;
    const perHostMs = options.requestsPerSecondPerHost ? 1000 / options.requestsPerSecondPerHost : 0;
    this.#rate = new HostRateLimiter(
      (host) => Math.max(perHostMs, this.#robots.get(host)?.crawlDelayMs ?? 0),
      options.now ?? (() => performance.now()),
      this.#sleep,
    );
    for (const url of options.alreadyDone ?? []) {
      const key = normaliseUrl(url);
      if (key !== null) this.#seen.add(key);
    }
  }

  /** Crawls until the frontier is empty, `maxPages` is reached or the signal aborts. */
  async run(): Promise<CrawlStats> {
    const ownDispatcher = this.#options.dispatcher === undefined;
    this.#dispatcher =
      this.#options.dispatcher ?? new Agent({ connections: this.#options.concurrency ?? 16, keepAliveTimeout: 10_000 });
    const onAbort = (): void => this.#limit.clearQueue();
    // undici adds one abort listener per request in flight; that many is expected, not a leak.
    if (this.#options.signal) setMaxListeners((this.#options.concurrency ?? 16) * 2 + 10, this.#options.signal);
    this.#options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (const url of this.#options.startUrls) await this.#loadRobots(url);
      const idle = new Promise<void>((resolve) => (this.#idle = resolve));
      for (const url of this.#options.startUrls) this.#enqueue(url);
      for (const url of this.#options.resumeFrontier ?? []) this.#enqueue(url);
      if (this.#pending > 0) await idle;
      return this.stats;
    } finally {
      this.#options.signal?.removeEventListener('abort', onAbort);
      if (ownDispatcher) await this.#dispatcher.close();
    }
  }

  async #loadRobots(startUrl: string): Promise<void> {
    const { host, origin } = new URL(startUrl);
    if (this.#robots.has(host)) return;
    const robotsUrl = `${origin}/robots.txt`;
    const result = await this.#fetch(robotsUrl, () => true);
    this.#robots.set(
      host,
      robotsPolicy(robotsUrl, { status: result.status, body: result.html ?? '' }, this.#options.userAgent ?? 'roadmap-scraper'),
    );
  }

  #allowed(url: string): boolean {
    const host = new URL(url).host;
    return this.#hosts.has(host) && (this.#robots.get(host)?.isAllowed(url) ?? false);
  }

  #enqueue(href: string): void {
    if (this.#options.signal?.aborted) return;
    const url = fetchableUrl(href);
    const key = url && normaliseUrl(url);
    if (!url || !key || this.#seen.has(key) || !this.#hosts.has(new URL(url).host)) return;
    this.#seen.add(key);
    if (!this.#allowed(url)) {
      this.stats.disallowed++;
      return;
    }
    if (this.#accepted >= (this.#options.maxPages ?? Infinity)) return;
    this.#accepted++;
    this.stats.queued++;
    this.#pending++;
    this.#limit(() => this.#process(url))
      .catch(() => {
        // clearQueue() on abort rejects the waiting tasks: nothing to do, they never started.
      })
      .finally(() => {
        if (--this.#pending === 0) this.#idle?.();
      });
  }

  async #process(queuedUrl: string): Promise<void> {
    this.stats.queued--;
    if (this.#options.signal?.aborted) return;
    this.stats.inFlight++;
    try {
      let url = queuedUrl;
      let key = normaliseUrl(url);
      let result = await this.#fetch(url, (type) => type === 'text/html');
      for (let hops = 0; result.location !== undefined; hops++) {
        const next = fetchableUrl(result.location, url);
        const nextKey = next && normaliseUrl(next);
        if (!next || !nextKey || hops >= MAX_REDIRECTS || !this.#hosts.has(new URL(next).host)) {
          result = { status: result.status, contentType: '', error: `redirect to ${result.location} not followed` };
          break;
        }
        if (!this.#allowed(next)) {
          this.stats.disallowed++;
          return;
        }
        // Dedup by final URL: a page reached by a link and by a redirect is fetched once. A redirect to the same
        // key (`/docs` → `/docs/`) is the page itself and is followed.
        if (nextKey !== key) {
          if (this.#seen.has(nextKey)) {
            this.stats.duplicateRedirects++;
            return;
          }
          this.#seen.add(nextKey);
        }
        url = next;
        key = nextKey;
        result = await this.#fetch(url, (type) => type === 'text/html');
      }
      if (this.#options.signal?.aborted) return;
      const requested = url === queuedUrl ? {} : { requestedUrl: queuedUrl };
      if (result.error !== undefined || result.status >= 400) {
        this.stats.errors++;
        await this.#options.onRecord({
          url, ...requested, status: result.status, title: '', headings: [], text: '', links: [],
          error: result.error ?? `HTTP ${result.status}`,
        });
        return;
      }
      if (result.html === undefined) {
        this.stats.skipped++;
        return;
      }
      const page = extractPage(result.html, url);
      await this.#options.onRecord({ url, ...requested, status: result.status, ...page });
      for (const link of page.links) this.#enqueue(link);
    } finally {
      this.stats.inFlight--;
      this.stats.done++;
    }
  }

  /** GET with retries; reads the body only when `wantBody(contentType)` says so, drains it otherwise. */
  async #fetch(url: string, wantBody: (contentType: string) => boolean): Promise<FetchResult> {
    const retries = this.#options.retries ?? 3;
    const timeout = this.#options.timeoutMs ?? 10_000;
    const backoff = this.#options.backoff ?? { baseMs: 100, maxMs: 5_000 };
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      await this.#rate.wait(host);
      try {
        this.stats.requests++;
        const response = await request(url, {
          method: 'GET',
          dispatcher: this.#dispatcher,
          headers: { 'user-agent': this.#options.userAgent ?? 'roadmap-scraper/0.1', accept: 'text/html,*/*;q=0.5' },
          headersTimeout: timeout,
          bodyTimeout: timeout,
          signal: this.#options.signal,
        });
        const contentType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const location = response.headers.location;
        if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
          await response.body.dump();
          return { status: response.statusCode, location, contentType };
        }
        if (isRetryableStatus(response.statusCode) && attempt < retries) {
          await response.body.dump();
        } else if (response.statusCode < 400 && wantBody(contentType)) {
          return { status: response.statusCode, contentType, html: await response.body.text() };
        } else {
          await response.body.dump();
          return { status: response.statusCode, contentType };
        }
      } catch (error) {
        if (this.#options.signal?.aborted) throw error;
        if (attempt >= retries) {
          return { status: 0, contentType: '', error: error instanceof Error ? error.message : String(error) };
        }
      }
      this.stats.retries++;
      await this.#sleep(backoffDelay(attempt, backoff, this.#options.random));
    }
  }
}
