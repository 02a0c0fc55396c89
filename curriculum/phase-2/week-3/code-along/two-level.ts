import type { Redis } from 'ioredis'

export interface TwoLevelOptions {
  readonly prefix: string
  /** Pub/sub channel shared by every instance of the service. */
  readonly channel: string
  readonly l1TtlMs: number
  readonly l2TtlSeconds: number
  readonly maxEntries: number
  readonly now?: () => number
}

interface Entry {
  readonly value: unknown
  readonly expiresAt: number
}

/**
 * L1: a small in-process map (no network hop), L2: Redis (shared by all instances), then the loader.
 * Each instance keeps its own L1, so a write on instance A must reach B's L1: invalidate() deletes
 * the Redis key and PUBLISHes the key name; every instance's subscriber drops its L1 copy.
 * Pub/sub is fire-and-forget (a disconnected subscriber misses messages), so the short L1 TTL is the
 * safety net that bounds how long a missed invalidation can leave a stale value.
 */
export class TwoLevelCache {
  readonly stats = { l1: 0, l2: 0, loads: 0 }
  readonly #redis: Redis
  readonly #subscriber: Redis
  readonly #options: TwoLevelOptions
  readonly #l1 = new Map<string, Entry>()
  readonly #listeners = new Set<(key: string) => void>()

  private constructor(redis: Redis, subscriber: Redis, options: TwoLevelOptions) {
    this.#redis = redis
    this.#subscriber = subscriber
    this.#options = options
  }

  /** A subscribed connection can only run (P)SUBSCRIBE-family commands, so it gets its own. */
  static async create(redis: Redis, options: TwoLevelOptions): Promise<TwoLevelCache> {
    const subscriber = redis.duplicate()
    const cache = new TwoLevelCache(redis, subscriber, options)
    subscriber.on('message', (channel: string, key: string) => {
      if (channel !== options.channel) return
      cache.#l1.delete(key)
      for (const listener of cache.#listeners) listener(key)
    })
    await subscriber.subscribe(options.channel)
    return cache
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = (this.#options.now ?? Date.now)()
    const entry = this.#l1.get(key)
    if (entry && entry.expiresAt > now) {
      this.#l1.delete(key) // re-insert: a Map iterates in insertion order, so this keeps it LRU
      this.#l1.set(key, entry)
      this.stats.l1++
      return entry.value as T
    }
    const cached = await this.#redis.get(this.#options.prefix + key)
    let value: T
    if (cached !== null) {
      this.stats.l2++
      value = JSON.parse(cached) as T
    } else {
      this.stats.loads++
      value = await load()
      await this.#redis.set(this.#options.prefix + key, JSON.stringify(value ?? null), 'EX', this.#options.l2TtlSeconds)
    }
    this.#remember(key, value, now)
    return value
  }

  /** Call after writing the source of truth. Resolves with how many instances received the message. */
  async invalidate(key: string): Promise<number> {
    this.#l1.delete(key)
    await this.#redis.del(this.#options.prefix + key)
    return this.#redis.publish(this.#options.channel, key)
  }

  onInvalidated(listener: (key: string) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    await this.#subscriber.quit()
  }

  #remember(key: string, value: unknown, now: number): void {
    this.#l1.delete(key)
    this.#l1.set(key, { value, expiresAt: now + this.#options.l1TtlMs })
    if (this.#l1.size > this.#options.maxEntries) {
      const oldest = this.#l1.keys().next().value
      if (oldest !== undefined) this.#l1.delete(oldest)
    }
  }
}
