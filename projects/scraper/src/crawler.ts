import { setMaxListeners } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, request, type Dispatcher } from 'undici';
import { backoffDelay, isRetryableStatus, retryAfterMs, type BackoffOptions } from './backoff.js';
import { extractPage, type Heading } from './extract.js';
import { HostRateLimiter } from './host-rate-limiter.js';
import { fetchableUrl, normaliseUrl } from './normalise-url.js';
import { replaceNulInRecord } from './replace-nul.js';
import { isRobotsUnreachable, ROBOTS_PARSE_LIMIT_BYTES, robotsPolicy, type RobotsPolicy, type RobotsResponse } from './robots.js';

/**
 * One NDJSON line: a fetched HTML page, or a page that failed: status ≥ 400, 0 for a network error or a missed
 * deadline, or the server's status with `error` when the body was over the size limit.
 */
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
  /** Pages written with an `error`: status ≥ 400, a network error or deadline after retries, a body too large. */
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
  /** Longest silence while waiting for headers or between body chunks of one request. @default 10000 */
  readonly timeoutMs?: number;
  /**
   * Deadline of one request attempt, headers and body together: a server that trickles a byte now and then
   * never trips `timeoutMs`, and would hold a worker forever. A miss counts as a network error (retried).
   * @default 30000
   */
  readonly requestTimeoutMs?: number;
  /** Bodies longer than this are not read: the page is written with an error, the crawl goes on. @default 10 MiB */
  readonly maxPageBytes?: number;
  /** Longest `Retry-After` (429/503) honoured; a longer one is cut to this. @default 60000 */
  readonly maxRetryAfterMs?: number;
  /** Per-host request rate; 0 leaves only robots.txt's Crawl-delay. @default 0 */
  readonly requestsPerSecondPerHost?: number;
  /** @default 'roadmap-scraper/0.1' */
  readonly userAgent?: string;
  /** URLs already in the output (for --resume): never fetched again. */
  readonly alreadyDone?: Iterable<string>;
  /** Links of already-done pages (for --resume): the frontier to pick up from. */
  readonly resumeFrontier?: Iterable<string>;
  /** Told when a host's robots.txt is unreachable, so nothing on it is crawled: a person wants to know why. */
  readonly onRobotsUnreachable?: (robotsUrl: string, why: string) => void;
  /** Receives each record; awaiting it is how output backpressure reaches the crawl. */
  readonly onRecord: (record: PageRecord) => Promise<void>;
  readonly signal?: AbortSignal;
  readonly dispatcher?: Dispatcher;
  readonly random?: () => number;
  /** Monotonic ms, for rate limits and pauses. @default performance.now */
  readonly now?: () => number;
  /** Wall-clock ms since the epoch, to read `Retry-After` dates. @default Date.now */
  readonly wallClock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** What to read of a response body, and what a body over the limit means. */
interface BodyPolicy {
  readonly wanted: (contentType: string) => boolean;
  readonly maxBytes: number;
  /** `error`: the page is not taken; `truncate`: keep the first `maxBytes` (robots.txt's parsing limit). */
  readonly oversize: 'error' | 'truncate';
}

interface FetchResult {
  readonly status: number;
  readonly location?: string;
  readonly contentType: string;
  /** The body, read only when the body policy wants it. */
  readonly html?: string;
  readonly error?: string;
}

const MAX_REDIRECTS = 5;
/** RFC 9309 §2.3.1.2: follow at least five consecutive redirects of robots.txt, even to another host. */
const MAX_ROBOTS_REDIRECTS = 5;

/** One attempt's deadline, tied to the crawl's signal: aborted by whichever comes first. */
interface Deadline {
  readonly signal: AbortSignal;
  readonly expired: () => boolean;
  readonly clear: () => void;
}

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
  readonly #pageBody: BodyPolicy;
  #dispatcher: Dispatcher | undefined;
  #accepted = 0;
  #pending = 0;
  #idle: (() => void) | undefined;

  constructor(options: CrawlerOptions) {
    this.#options = options;
    this.#hosts = new Set(options.startUrls.map((u) => new URL(u).host));
    this.#limit = pLimit({ concurrency: options.concurrency ?? 16, rejectOnClear: true });
    this.#pageBody = { wanted: (type) => type === 'text/html', maxBytes: options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES, oversize: 'error' };
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
    // Each request in flight adds one abort listener (its deadline's); that many is expected, not a leak.
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
    const response = await this.#fetchRobots(robotsUrl);
    if (isRobotsUnreachable(response) && !this.#options.signal?.aborted) {
      this.#options.onRobotsUnreachable?.(robotsUrl, response.error ?? `HTTP ${response.status}`);
    }
    this.#robots.set(host, robotsPolicy(robotsUrl, response, this.#options.userAgent ?? 'roadmap-scraper'));
  }

  /**
   * Fetches robots.txt the RFC 9309 way: up to five consecutive redirects followed, to any host (the rules found
   * still apply to the start URL's origin), the first 500 KiB parsed. A redirect that cannot be followed (no
   * usable Location) is a failure to reach the file, so the policy becomes "disallow all".
   */
  async #fetchRobots(robotsUrl: string): Promise<RobotsResponse> {
    const body: BodyPolicy = { wanted: () => true, maxBytes: ROBOTS_PARSE_LIMIT_BYTES, oversize: 'truncate' };
    let url = robotsUrl;
    for (let redirects = 0; ; redirects++) {
      const result = await this.#fetch(url, body);
      if (result.location === undefined) return { status: result.status, body: result.html ?? '', ...(result.error ? { error: result.error } : {}) };
      if (redirects >= MAX_ROBOTS_REDIRECTS) return { status: result.status, body: '', tooManyRedirects: true };
      const next = fetchableUrl(result.location, url);
      if (next === null) return { status: result.status, body: '', error: `HTTP ${result.status} to ${result.location}, which cannot be followed` };
      url = next;
    }
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
      let result = await this.#fetch(url, this.#pageBody);
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
        result = await this.#fetch(url, this.#pageBody);
      }
      if (this.#options.signal?.aborted) return;
      const requested = url === queuedUrl ? {} : { requestedUrl: queuedUrl };
      if (result.error !== undefined || result.status >= 400) {
        this.stats.errors++;
        await this.#options.onRecord(replaceNulInRecord({
          url, ...requested, status: result.status, title: '', headings: [], text: '', links: [],
          error: result.error ?? `HTTP ${result.status}`,
        }));
        return;
      }
      if (result.html === undefined) {
        this.stats.skipped++;
        return;
      }
      const page = extractPage(result.html, url);
      await this.#options.onRecord(replaceNulInRecord({ url, ...requested, status: result.status, ...page }));
      for (const link of page.links) this.#enqueue(link);
    } finally {
      this.stats.inFlight--;
      this.stats.done++;
    }
  }

  /**
   * GET with retries, each attempt within its deadline. Reads the body when `body.wanted(contentType)` says so
   * (up to `body.maxBytes`) and drains it otherwise. A 429 or 503 with `Retry-After` pauses the whole host for
   * that long (capped), otherwise the wait is exponential backoff with full jitter; both spend the same budget.
   */
  async #fetch(url: string, body: BodyPolicy): Promise<FetchResult> {
    const retries = this.#options.retries ?? 3;
    const timeout = this.#options.timeoutMs ?? 10_000;
    const backoff = this.#options.backoff ?? { baseMs: 100, maxMs: 5_000 };
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      await this.#rate.wait(host);
      let retryAfter: number | undefined;
      const deadline = this.#deadline();
      try {
        this.stats.requests++;
        const response = await request(url, {
          method: 'GET',
          dispatcher: this.#dispatcher,
          headers: { 'user-agent': this.#options.userAgent ?? 'roadmap-scraper/0.1', accept: 'text/html,*/*;q=0.5' },
          headersTimeout: timeout,
          bodyTimeout: timeout,
          signal: deadline.signal,
        });
        const status = response.statusCode;
        const contentType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const location = response.headers.location;
        if (status >= 300 && status < 400 && typeof location === 'string') {
          await response.body.dump();
          return { status, location, contentType };
        }
        if (isRetryableStatus(status) && attempt < retries) {
          await response.body.dump();
          if (status === 429 || status === 503) retryAfter = this.#retryAfter(response.headers['retry-after']);
        } else if (status < 400 && body.wanted(contentType)) {
          return { status, contentType, ...(await readBody(response, body)) };
        } else {
          await response.body.dump();
          return { status, contentType };
        }
      } catch (error) {
        if (this.#options.signal?.aborted) throw error;
        if (attempt >= retries) {
          const message = deadline.expired()
            ? `no complete response within ${this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS} ms (--request-timeout)`
            : error instanceof Error ? error.message : String(error);
          return { status: 0, contentType: '', error: message };
        }
      } finally {
        deadline.clear();
      }
      this.stats.retries++;
      const delay = backoffDelay(attempt, backoff, this.#options.random);
      // The rate limiter's next wait(host) holds this request and every other one to the host.
      if (retryAfter !== undefined) this.#rate.pause(host, Math.max(retryAfter, delay));
      else await this.#sleep(delay);
    }
  }

  #retryAfter(header: string | string[] | undefined): number | undefined {
    const ms = retryAfterMs(header, (this.#options.wallClock ?? Date.now)());
    return ms === undefined ? undefined : Math.min(ms, this.#options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS);
  }

  #deadline(): Deadline {
    const crawl = this.#options.signal;
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort(new Error('request deadline passed'));
    }, this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    const onAbort = (): void => controller.abort(crawl!.reason);
    if (crawl?.aborted) onAbort();
    else crawl?.addEventListener('abort', onAbort, { once: true });
    return {
      signal: controller.signal,
      expired: () => expired,
      clear: () => {
        clearTimeout(timer);
        crawl?.removeEventListener('abort', onAbort);
      },
    };
  }
}

/**
 * Reads a body up to `policy.maxBytes`, chunk by chunk, so a 2 GB page costs at most the limit in memory: past
 * it the body is destroyed (the connection with it) and the page becomes an error, or, for `truncate`, what was
 * read so far is kept. A Content-Length over the limit is refused before reading anything.
 */
async function readBody(response: Dispatcher.ResponseData, policy: BodyPolicy): Promise<{ html: string } | { error: string }> {
  const tooLarge = { error: `page over the ${policy.maxBytes}-byte limit (--max-page-bytes); not read` };
  const declared = Number(response.headers['content-length']);
  if (policy.oversize === 'error' && Number.isFinite(declared) && declared > policy.maxBytes) {
    response.body.destroy();
    return tooLarge;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    if (size + chunk.length > policy.maxBytes) {
      response.body.destroy();
      if (policy.oversize === 'error') return tooLarge;
      chunks.push(chunk.subarray(0, policy.maxBytes - size));
      size = policy.maxBytes;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { html: Buffer.concat(chunks, size).toString('utf8') };
}
