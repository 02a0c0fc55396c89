export class SingleFlight<K, V> {
  /** Runs `fn` for `key`, unless a call for `key` is already in flight: then returns that call's promise. */
  do(key: K, fn: () => Promise<V>): Promise<V> {
    // Naive: no coalescing at all.
    void key;
    return fn();
  }

  /** The next `do(key)` starts a new execution even if one is in flight. */
  forget(key: K): void {
    void key;
  }

  /** Number of keys with an execution in flight. */
  inFlight(): number {
    return 0;
  }
}

/** Cache-aside loader: hits come from `cache`, concurrent misses share one `load`. */
export function createCachedLoader<K, V>(cache: Map<K, V>, load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  return async (key) => {
    const hit = cache.get(key);
    if (hit) return hit;
    const value = await load(key);
    cache.set(key, value);
    return value;
  };
}
