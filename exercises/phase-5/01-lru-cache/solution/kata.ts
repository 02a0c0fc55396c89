export interface LruOptions {
  /** Maximum number of entries; a positive integer. */
  capacity: number;
  /** Optional time-to-live in milliseconds, counted from the last `set`. */
  ttlMs?: number;
  /** Clock in milliseconds; defaults to Date.now. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number; // Infinity when there is no TTL
}

export class LruCache<K, V> {
  // A Map iterates in insertion order: first key = least recently used, last key = most recently used.
  // Re-inserting a key (delete + set) moves it to the end: the Map is both our hash map and our linked list.
  readonly #entries = new Map<K, Entry<V>>();
  readonly #capacity: number;
  readonly #ttlMs: number | undefined;
  readonly #now: () => number;

  constructor(options: LruOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity <= 0) {
      throw new RangeError(`capacity must be a positive integer, got ${options.capacity}`);
    }
    if (options.ttlMs !== undefined && !(options.ttlMs > 0)) {
      throw new RangeError(`ttlMs must be > 0, got ${options.ttlMs}`);
    }
    this.#capacity = options.capacity;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** Returns the live entry or undefined; deletes it if it has expired (lazy expiry). */
  #live(key: K): Entry<V> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  get(key: K): V | undefined {
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    // Touch: move to the most-recently-used end. The expiry is unchanged — reads don't extend a TTL.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): this {
    const expiresAt = this.#ttlMs === undefined ? Infinity : this.#now() + this.#ttlMs;
    if (this.#entries.has(key)) {
      // Updating never evicts: remove first so the re-insert lands at the MRU end.
      this.#entries.delete(key);
    } else if (this.#entries.size >= this.#capacity) {
      const lru = this.#entries.keys().next();
      if (!lru.done) this.#entries.delete(lru.value);
    }
    this.#entries.set(key, { value, expiresAt });
    return this;
  }

  has(key: K): boolean {
    // A pure read: checks liveness but does not touch recency.
    return this.#live(key) !== undefined;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  #purgeExpired(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (now >= entry.expiresAt) this.#entries.delete(key);
    }
  }

  /** O(n) when a TTL is set, because expired entries are purged first. */
  get size(): number {
    if (this.#ttlMs !== undefined) this.#purgeExpired();
    return this.#entries.size;
  }

  keys(): K[] {
    if (this.#ttlMs !== undefined) this.#purgeExpired();
    return [...this.#entries.keys()];
  }
}
