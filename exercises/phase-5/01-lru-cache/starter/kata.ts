export interface LruOptions {
  /** Maximum number of entries; a positive integer. */
  capacity: number;
  /** Optional time-to-live in milliseconds, counted from the last `set`. */
  ttlMs?: number;
  /** Clock in milliseconds; defaults to Date.now. */
  now?: () => number;
}

export class LruCache<K, V> {
  constructor(options: LruOptions) {
    void options;
    throw new Error('TODO: validate capacity and set up storage');
  }

  get(key: K): V | undefined {
    throw new Error(`TODO: get ${String(key)}`);
  }

  set(key: K, value: V): this {
    throw new Error(`TODO: set ${String(key)}=${String(value)}`);
  }

  has(key: K): boolean {
    throw new Error(`TODO: has ${String(key)}`);
  }

  delete(key: K): boolean {
    throw new Error(`TODO: delete ${String(key)}`);
  }

  get size(): number {
    throw new Error('TODO: size');
  }

  keys(): K[] {
    throw new Error('TODO: keys');
  }
}
