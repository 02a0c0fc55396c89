/** The subset of Redis we use; values are strings. */
export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
}

export interface Product {
  id: string;
  name: string;
  priceCents: number;
}

/** The database side. */
export interface ProductStore {
  load(id: string): Promise<Product | null>;
  save(product: Product): Promise<void>;
}

export interface ProductServiceDeps {
  cache: Cache;
  store: ProductStore;
  ttlSeconds: number;
  /** TTL for "this product does not exist". */
  negativeTtlSeconds: number;
}

export interface ProductService {
  get(id: string): Promise<Product | null>;
  update(product: Product): Promise<void>;
}

export function createProductService(deps: ProductServiceDeps): ProductService {
  const { cache, store, ttlSeconds, negativeTtlSeconds } = deps;
  const key = (id: string) => `product:${id}`;
  // Loads in progress, per key: concurrent misses share one database query (no stampede).
  const inFlight = new Map<string, Promise<Product | null>>();

  // The cache is an optimisation: if Redis is down we serve from the database, slower but correct.
  async function cacheGet(k: string): Promise<string | null> {
    try {
      return await cache.get(k);
    } catch {
      return null; // in production: log it and count it in a metric
    }
  }
  async function cacheSet(k: string, value: string, ttl: number): Promise<void> {
    try {
      await cache.set(k, value, ttl);
    } catch {
      // ignore: the next read will try again
    }
  }

  async function loadAndFill(id: string): Promise<Product | null> {
    const product = await store.load(id);
    // Cache misses too, for less time: ids that do not exist are cheap to ask for repeatedly.
    await cacheSet(key(id), JSON.stringify(product), product ? ttlSeconds : negativeTtlSeconds);
    return product;
  }

  return {
    async get(id) {
      const cached = await cacheGet(key(id));
      // Compare with null, not truthiness: the cached string "null" is a valid (negative) entry.
      if (cached !== null) return JSON.parse(cached) as Product | null;

      let pending = inFlight.get(id);
      if (!pending) {
        // finally() removes the entry on success and failure, so a failed load is retried next time.
        pending = loadAndFill(id).finally(() => inFlight.delete(id));
        inFlight.set(id, pending);
      }
      return pending;
    },

    async update(product) {
      // Database first, then invalidate. Setting the new value in the cache instead races with
      // concurrent readers that loaded the old row; deleting first lets one of them refill it stale.
      await store.save(product);
      try {
        await cache.del(key(product.id));
      } catch {
        // The saved data is what matters; a missed delete heals when the TTL expires.
      }
    },
  };
}
