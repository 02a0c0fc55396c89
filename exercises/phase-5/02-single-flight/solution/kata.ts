export class SingleFlight<K, V> {
  // The pending promise is the unit of sharing: later callers await the same one.
  readonly #calls = new Map<K, Promise<V>>();

  /** Runs `fn` for `key`, unless a call for `key` is already in flight: then returns that call's promise. */
  do(key: K, fn: () => Promise<V>): Promise<V> {
    const existing = this.#calls.get(key);
    if (existing) return existing;

    // An async wrapper turns a synchronous throw inside fn into a rejection.
    const promise: Promise<V> = (async () => fn())().finally(() => {
      // Only remove our own entry: after forget(), a newer call may own the key.
      if (this.#calls.get(key) === promise) this.#calls.delete(key);
    });
    this.#calls.set(key, promise);
    return promise;
  }

  /** The next `do(key)` starts a new execution even if one is in flight. */
  forget(key: K): void {
    this.#calls.delete(key);
  }

  /** Number of keys with an execution in flight. */
  inFlight(): number {
    return this.#calls.size;
  }
}

/** Cache-aside loader: hits come from `cache`, concurrent misses share one `load`. */
export function createCachedLoader<K, V>(cache: Map<K, V>, load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const group = new SingleFlight<K, V>();
  return (key) => {
    // has(), not truthiness: 0, '' and false are valid cached values.
    if (cache.has(key)) return Promise.resolve(cache.get(key) as V);
    return group.do(key, async () => {
      const value = await load(key);
      cache.set(key, value); // only successes are cached; a rejection skips this line
      return value;
    });
  };
}
