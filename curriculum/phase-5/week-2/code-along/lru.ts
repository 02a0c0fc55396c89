// Step 1: an in-process LRU (an "L1" cache in front of Redis). A Map keeps insertion order,
// so re-inserting on every hit makes the first key the least recently used one.
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly ttlMs = Infinity,
    private readonly now: () => number = Date.now,
  ) {
    if (capacity < 1) throw new RangeError('capacity must be >= 1');
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    if (entry.expiresAt <= this.now()) return undefined; // expired: drop it lazily
    this.map.set(key, entry); // move to the most-recently-used end
    return entry.value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, expiresAt: this.now() + this.ttlMs });
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as K; // size > capacity >= 1: a key exists
      this.map.delete(oldest);
    }
  }

  get size(): number {
    return this.map.size;
  }
}
