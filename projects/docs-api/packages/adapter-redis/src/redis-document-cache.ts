import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { CacheKind, CacheStatus, DocumentCache, DocumentView } from '@docs-api/application';
import type { DocumentChange } from '@docs-api/domain';

/** The logger the cache reports its state changes to (fastify's pino logger fits). */
export interface CacheLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Where a read was answered: the in-process layer, Redis, or neither (a miss: Postgres answers). */
export type CacheLookupResult = 'local' | 'redis' | 'miss';

/** Told of every read (`get`), for metrics; it must not throw or block: it runs on the request's path. */
export type CacheLookupListener = (kind: CacheKind, result: CacheLookupResult) => void;

export interface DocumentCacheOptions {
  /** Without it the cache is disabled and every read goes to Postgres. */
  readonly redisUrl?: string;
  /** Prefix of every Redis key, so several APIs (or test files) share one Redis. @default 'docs-api:' */
  readonly keyPrefix?: string;
  /** The pub/sub channel invalidations go out on. @default 'docs-api:invalidate' */
  readonly channel?: string;
  /** Lifetime of a Redis entry. @default 300 */
  readonly ttlSeconds?: number;
  /** Lifetime of an in-process entry: the bound on staleness if an invalidation message is ever lost. @default 2000 */
  readonly localTtlMs?: number;
  /** In-process entries kept. @default 5000 */
  readonly localMax?: number;
  readonly logger: CacheLogger;
}


/** What goes out on the channel: the document, the slugs it had or has, and the version floor. */
interface InvalidationMessage {
  readonly id: number;
  readonly slugs: string[];
  readonly version: number;
  readonly origin: string;
}

// A version floor must outlive any read that started before the write it records; reads take milliseconds.
const FLOOR_TTL_MS = 10 * 60_000;

// Fill: write the entry only if no invalidation has raised the document's floor above the version being written,
// so a reader that loaded the old row before a write can never put it back after the write's invalidation.
const FILL_SCRIPT = `
local floor = tonumber(redis.call('GET', KEYS[2]) or '0')
if floor > tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

// Invalidate: raise the floor, delete the entries and publish, in one atomic step.
const INVALIDATE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1`;

type ScriptedRedis = Redis & {
  docFill(entryKey: string, floorKey: string, json: string, version: number, ttlMs: number): Promise<number>;
  docInvalidate(...keysAndArgs: (string | number)[]): Promise<number>;
};

/**
 * The DocumentCache port on Redis: cache-aside for documents read by id and by slug: an in-process LRU (short TTL) in front of Redis (longer TTL),
 * Postgres behind both. Writes invalidate through one Redis script that raises the document's version floor,
 * deletes its keys and publishes on the channel; every instance's subscriber drops its in-process copies. Fills
 * (Redis and local) never write a version below the floor. Redis trouble never fails a request: the cache reports
 * 'down', reads go to Postgres, and invalidations that could not be sent are retried when Redis is back.
 */
export class RedisDocumentCache implements DocumentCache {
  readonly #options: Required<Omit<DocumentCacheOptions, 'redisUrl'>>;
  readonly #origin = randomUUID();
  readonly #local: LRUCache<string, DocumentView>;
  /** Version floors learnt from invalidations (ours and other instances'), checked before a local fill. */
  readonly #floors = new LRUCache<number, number>({ max: 100_000, ttl: FLOOR_TTL_MS });
  /** Invalidations Redis did not take while it was down, sent again when it is back. */
  readonly #pending = new Map<number, DocumentChange>();
  readonly #client: ScriptedRedis | undefined;
  readonly #subscriber: Redis | undefined;
  #subscribed = false;
  #lastStatus: CacheStatus;
  #closed = false;
  readonly #lookupListeners: CacheLookupListener[] = [];

  constructor(options: DocumentCacheOptions) {
    this.#options = {
      keyPrefix: 'docs-api:',
      channel: 'docs-api:invalidate',
      ttlSeconds: 300,
      localTtlMs: 2000,
      localMax: 5000,
      ...options,
    };
    this.#local = new LRUCache<string, DocumentView>({ max: this.#options.localMax, ttl: this.#options.localTtlMs });
    this.#lastStatus = options.redisUrl ? 'down' : 'disabled';
    if (!options.redisUrl) return;

    const redisOptions: RedisOptions = {
      // Fail a command at once while disconnected instead of queueing it: the request falls back to Postgres.
      enableOfflineQueue: false,
      connectTimeout: 1000,
      commandTimeout: 250,
      maxRetriesPerRequest: 1,
      // Keep reconnecting forever, backing off to one attempt every 2 s.
      retryStrategy: (times) => Math.min(50 * 2 ** times, 2000),
      autoResubscribe: false,
    };
    this.#client = new Redis(options.redisUrl, redisOptions) as ScriptedRedis;
    this.#client.defineCommand('docFill', { numberOfKeys: 2, lua: FILL_SCRIPT });
    this.#client.defineCommand('docInvalidate', { lua: INVALIDATE_SCRIPT });
    this.#client.on('ready', () => {
      this.#reportStatus();
      void this.#flushPending();
    });
    this.#client.on('close', () => this.#reportStatus());
    this.#client.on('error', (error: Error) => this.#reportStatus(error));

    this.#subscriber = new Redis(options.redisUrl, redisOptions);
    this.#subscriber.on('ready', () => void this.#subscribe());
    this.#subscriber.on('close', () => {
      // Messages sent while we are not listening are lost: stop trusting (and clear) the local layer.
      this.#subscribed = false;
      this.#local.clear();
      this.#reportStatus();
    });
    this.#subscriber.on('error', (error: Error) => this.#reportStatus(error));
    this.#subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.#options.channel) this.#onMessage(text);
    });
  }

  /** 'up' when both Redis connections are ready, 'down' while either is not, 'disabled' without REDIS_URL. */
  get status(): CacheStatus {
    if (!this.#client) return 'disabled';
    return this.#client.status === 'ready' && this.#subscribed ? 'up' : 'down';
  }

  /** Waits (at most `timeoutMs`) for both Redis connections; true when the cache is up. */
  async waitUntilUp(timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (this.status === 'down' && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.status === 'up';
  }

  /** How many documents' invalidations are waiting for Redis to come back. */
  get pendingInvalidations(): number {
    return this.#pending.size;
  }

  /**
   * Calls `listener` after every read with where it was answered, so the http app can count hits and misses
   * without the use cases knowing of metrics. Returns the function that stops it.
   */
  onLookup(listener: CacheLookupListener): () => void {
    this.#lookupListeners.push(listener);
    return () => {
      const at = this.#lookupListeners.indexOf(listener);
      if (at >= 0) this.#lookupListeners.splice(at, 1);
    };
  }

  /** The cached document for an id or slug, from the local layer or Redis; undefined on a miss or when Redis is down. */
  async get(kind: CacheKind, key: string): Promise<DocumentView | undefined> {
    const [document, result] = await this.#lookup(kind, key);
    for (const listener of this.#lookupListeners) listener(kind, result);
    return document;
  }

  async #lookup(kind: CacheKind, key: string): Promise<[DocumentView | undefined, CacheLookupResult]> {
    const miss: [undefined, CacheLookupResult] = [undefined, 'miss'];
    const localKey = `${kind}:${key}`;
    if (this.#subscribed) {
      const local = this.#local.get(localKey);
      if (local && local.version >= (this.#floors.get(local.id) ?? 0)) return [local, 'local'];
    }
    if (this.#client?.status !== 'ready') return miss;
    let text: string | null;
    try {
      text = await this.#client.get(this.#entryKey(kind, key));
    } catch (error) {
      this.#reportStatus(error as Error);
      return miss;
    }
    if (text === null) return miss;
    const document = JSON.parse(text) as DocumentView;
    // A reply that left Redis before an invalidation we have already applied: treat it as a miss.
    if (document.version < (this.#floors.get(document.id) ?? 0)) return miss;
    this.#fillLocal(localKey, document);
    return [document, 'redis'];
  }

  /** Stores a document read from Postgres under an id or slug, unless an invalidation made it too old. */
  async fill(kind: CacheKind, key: string, document: DocumentView): Promise<void> {
    this.#fillLocal(`${kind}:${key}`, document);
    if (this.#client?.status !== 'ready') return;
    try {
      await this.#client.docFill(
        this.#entryKey(kind, key),
        this.#floorKey(document.id),
        JSON.stringify(document),
        document.version,
        this.#options.ttlSeconds * 1000,
      );
    } catch (error) {
      this.#reportStatus(error as Error);
    }
  }

  /**
   * Invalidates a document after a write committed: locally at once, then in Redis and on every instance through
   * the channel. When Redis is unreachable the invalidation is kept and sent when it is back (Redis entries
   * expire after `ttlSeconds` in any case).
   */
  async invalidate(change: DocumentChange): Promise<void> {
    this.#applyLocally(change);
    if (!this.#client) return;
    try {
      if (this.#client.status !== 'ready') throw new Error(`Redis is ${this.#client.status}`);
      await this.#sendInvalidation(change);
    } catch (error) {
      const previous = this.#pending.get(change.id);
      this.#pending.set(change.id, {
        id: change.id,
        slugs: [...new Set([...(previous?.slugs ?? []), ...change.slugs])],
        version: Math.max(previous?.version ?? 0, change.version),
      });
      this.#reportStatus(error as Error);
    }
  }

  /** Closes both Redis connections (quit when connected, else drop the reconnect loop). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(
      [this.#client, this.#subscriber].map(async (redis) => {
        if (!redis) return;
        if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
        else redis.disconnect();
      }),
    );
  }

  async #sendInvalidation(change: DocumentChange): Promise<void> {
    const message: InvalidationMessage = { ...change, origin: this.#origin };
    const keys = [this.#floorKey(change.id), this.#entryKey('id', String(change.id)), ...change.slugs.map((s) => this.#entryKey('slug', s))];
    await this.#client!.docInvalidate(keys.length, ...keys, change.version, FLOOR_TTL_MS, this.#options.channel, JSON.stringify(message));
  }

  async #flushPending(): Promise<void> {
    for (const change of [...this.#pending.values()]) {
      try {
        await this.#sendInvalidation(change);
        this.#pending.delete(change.id);
      } catch {
        return; // Down again: the next 'ready' tries the rest.
      }
    }
  }

  async #subscribe(): Promise<void> {
    try {
      await this.#subscriber!.subscribe(this.#options.channel);
      // Whatever the local layer holds may have missed messages while we were away.
      this.#local.clear();
      this.#subscribed = true;
    } catch (error) {
      this.#subscribed = false;
      this.#reportStatus(error as Error);
      return;
    }
    this.#reportStatus();
  }

  #onMessage(text: string): void {
    try {
      const message = JSON.parse(text) as InvalidationMessage;
      this.#applyLocally(message);
    } catch {
      // Not ours: someone else publishing on the channel. Ignore it.
    }
  }

  #applyLocally(change: DocumentChange): void {
    this.#floors.set(change.id, Math.max(this.#floors.get(change.id) ?? 0, change.version));
    this.#local.delete(`id:${change.id}`);
    for (const slug of change.slugs) this.#local.delete(`slug:${slug}`);
  }

  #fillLocal(localKey: string, document: DocumentView): void {
    if (!this.#subscribed) return;
    if (document.version < (this.#floors.get(document.id) ?? 0)) return;
    // A reader that loaded the old row before a write, finishing after another reader cached the new one and
    // before the write's message arrived here, must not put the old row back over the new.
    const current = this.#local.get(localKey, { allowStale: true });
    if (current && current.version > document.version) return;
    this.#local.set(localKey, document);
  }

  #entryKey(kind: CacheKind, key: string): string {
    return `${this.#options.keyPrefix}doc:${kind}:${key}`;
  }

  #floorKey(id: number): string {
    return `${this.#options.keyPrefix}doc:floor:${id}`;
  }

  /** Logs transitions only (up → down, down → up), not every failed command while down. */
  #reportStatus(error?: Error): void {
    if (this.#closed) return;
    const status = this.status;
    if (status === this.#lastStatus) return;
    this.#lastStatus = status;
    if (status === 'up') this.#options.logger.info({ cache: status }, 'cache: Redis is back, serving cached');
    else this.#options.logger.warn({ cache: status, err: error?.message }, 'cache: Redis unreachable, serving uncached (degraded)');
  }
}
