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
  const { cache, store, ttlSeconds } = deps;
  // TODO: a first draft — find what it gets wrong.
  return {
    async get(id) {
      const cached = await cache.get(`product:${id}`);
      if (cached) return JSON.parse(cached) as Product;
      const product = await store.load(id);
      if (product) await cache.set(`product:${id}`, JSON.stringify(product), ttlSeconds);
      return product;
    },
    async update(product) {
      await cache.set(`product:${product.id}`, JSON.stringify(product), ttlSeconds);
      await store.save(product);
    },
  };
}
