import type { Redis } from 'ioredis'

export interface CacheAsideOptions {
  /** Base time to live of an entry. */
  readonly ttlSeconds: number
  /** Adds up to this fraction of random extra TTL so keys cached together do not expire together. @default 0.1 */
  readonly jitter?: number
  readonly random?: () => number
}

/**
 * Cache-aside over Redis: read the cache, on a miss load from the source of truth and store the
 * result with a TTL. Values must be JSON-serialisable; `null` is cached too ("not found" is an
 * answer worth caching). Concurrent misses for one key share a single load (single flight), so a
 * popular key expiring does not send a stampede of identical queries to the database.
 */
export class CacheAside {
  readonly stats = { hits: 0, misses: 0 }
  readonly #redis: Redis
  readonly #prefix: string
  readonly #options: CacheAsideOptions
  readonly #inflight = new Map<string, Promise<unknown>>()

  constructor(redis: Redis, prefix: string, options: CacheAsideOptions) {
    this.#redis = redis
    this.#prefix = prefix
    this.#options = options
  }

  async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = await this.#redis.get(this.#prefix + key)
    if (cached !== null) {
      this.stats.hits++
      return JSON.parse(cached) as T
    }
    const pending = this.#inflight.get(key)
    if (pending) return pending as Promise<T>
    const loading = (async () => {
      try {
        this.stats.misses++
        const value = await load()
        await this.#redis.set(this.#prefix + key, JSON.stringify(value ?? null), 'EX', this.ttlSeconds())
        return value
      } finally {
        this.#inflight.delete(key)
      }
    })()
    this.#inflight.set(key, loading)
    return loading
  }

  /** After a write to the source of truth: delete, do not overwrite (see the theory for the race). */
  async invalidate(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key)
  }

  ttlSeconds(): number {
    const { ttlSeconds, jitter = 0.1, random = Math.random } = this.#options
    return Math.round(ttlSeconds * (1 + jitter * random()))
  }
}
