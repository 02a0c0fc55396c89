import { beforeEach, describe, expect, it } from 'vitest';
import { createProductService, type Cache, type Product, type ProductStore } from './kata.js';

let now = 0; // fake clock, ms
let log: string[] = [];

/** A Redis-like in-memory cache that honours TTLs on the fake clock and logs every call. */
class FakeCache implements Cache {
  readonly data = new Map<string, { value: string; expiresAt: number }>();
  lastTtl = new Map<string, number>();
  down = false;
  async get(key: string): Promise<string | null> {
    log.push(`cache.get ${key}`);
    if (this.down) throw new Error('ECONNREFUSED');
    const entry = this.data.get(key);
    if (!entry || entry.expiresAt <= now) return null;
    return entry.value;
  }
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    log.push(`cache.set ${key}`);
    if (this.down) throw new Error('ECONNREFUSED');
    this.data.set(key, { value, expiresAt: now + ttlSeconds * 1000 });
    this.lastTtl.set(key, ttlSeconds);
  }
  async del(key: string): Promise<void> {
    log.push(`cache.del ${key}`);
    if (this.down) throw new Error('ECONNREFUSED');
    this.data.delete(key);
  }
}

class FakeStore implements ProductStore {
  readonly rows = new Map<string, Product>([['p1', { id: 'p1', name: 'Keyboard', priceCents: 4999 }]]);
  loads = 0;
  failNextLoad = false;
  async load(id: string): Promise<Product | null> {
    this.loads++;
    log.push(`store.load ${id}`);
    await new Promise((r) => setTimeout(r, 5)); // a database round-trip
    if (this.failNextLoad) {
      this.failNextLoad = false;
      throw new Error('db timeout');
    }
    const row = this.rows.get(id);
    return row ? { ...row } : null;
  }
  async save(product: Product): Promise<void> {
    log.push(`store.save ${product.id}`);
    await new Promise((r) => setTimeout(r, 5));
    this.rows.set(product.id, { ...product });
  }
}

let cache: FakeCache;
let store: FakeStore;
let service: ReturnType<typeof createProductService>;

beforeEach(() => {
  now = 0;
  log = [];
  cache = new FakeCache();
  store = new FakeStore();
  service = createProductService({ cache, store, ttlSeconds: 300, negativeTtlSeconds: 30 });
});

const keyboard = { id: 'p1', name: 'Keyboard', priceCents: 4999 };

describe('cache-aside: read path', () => {
  it('on a miss: loads from the store, caches the product under product:<id> with the TTL', async () => {
    await expect(service.get('p1')).resolves.toEqual(keyboard);
    expect(store.loads).toBe(1);
    expect(JSON.parse(cache.data.get('product:p1')!.value)).toEqual(keyboard);
    expect(cache.lastTtl.get('product:p1')).toBe(300);
  });

  it('on a hit: answers from the cache without touching the store', async () => {
    await service.get('p1');
    await expect(service.get('p1')).resolves.toEqual(keyboard);
    expect(store.loads).toBe(1);
  });

  it('after the TTL has passed: loads again', async () => {
    await service.get('p1');
    now += 301_000;
    await service.get('p1');
    expect(store.loads).toBe(2);
  });

  it('caches a missing product as a miss, with the shorter negative TTL', async () => {
    await expect(service.get('nope')).resolves.toBeNull();
    await expect(service.get('nope')).resolves.toBeNull();
    expect(store.loads).toBe(1);
    expect(cache.lastTtl.get('product:nope')).toBe(30);
  });
});

describe('cache-aside: write path', () => {
  it('update saves to the store first, then deletes the cache key', async () => {
    await service.get('p1');
    log = [];
    await service.update({ ...keyboard, priceCents: 3999 });
    expect(log).toEqual(['store.save p1', 'cache.del product:p1']);
    await expect(service.get('p1')).resolves.toEqual({ ...keyboard, priceCents: 3999 });
  });
});

describe('cache stampede and failures', () => {
  it('concurrent gets of the same cold key share one store load (single-flight)', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => service.get('p1')));
    expect(results).toEqual(Array(5).fill(keyboard));
    expect(store.loads).toBe(1);
  });

  it('if the shared load fails, every waiter rejects and the next get tries again', async () => {
    store.failNextLoad = true;
    const results = await Promise.allSettled([service.get('p1'), service.get('p1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(service.get('p1')).resolves.toEqual(keyboard);
    expect(store.loads).toBe(2);
  });

  it('when the cache is down, get answers from the store and update still saves', async () => {
    cache.down = true;
    await expect(service.get('p1')).resolves.toEqual(keyboard);
    await expect(service.update({ ...keyboard, name: 'Mech keyboard' })).resolves.toBeUndefined();
    expect(store.rows.get('p1')?.name).toBe('Mech keyboard');
  });
});
