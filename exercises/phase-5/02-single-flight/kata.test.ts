import { describe, it, expect } from 'vitest';
import { SingleFlight, createCachedLoader } from './kata.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SingleFlight', () => {
  it('50 concurrent calls for the same key run fn once and share the value', async () => {
    const group = new SingleFlight<string, number>();
    const d = deferred<number>();
    let calls = 0;
    const fn = () => {
      calls++;
      return d.promise;
    };
    const all = Promise.all(Array.from({ length: 50 }, () => group.do('k', fn)));
    expect(group.inFlight()).toBe(1);
    d.resolve(42);
    expect(await all).toEqual(Array.from({ length: 50 }, () => 42));
    expect(calls).toBe(1);
  });

  it('different keys run independently', async () => {
    const group = new SingleFlight<string, string>();
    const seen: string[] = [];
    const [a, b] = await Promise.all([
      group.do('a', async () => (seen.push('a'), 'A')),
      group.do('b', async () => (seen.push('b'), 'B')),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('does not cache results: once settled, the next call runs fn again', async () => {
    const group = new SingleFlight<string, number>();
    let calls = 0;
    const fn = async () => ++calls;
    expect(await group.do('k', fn)).toBe(1);
    expect(await group.do('k', fn)).toBe(2);
    expect(group.inFlight()).toBe(0);
  });

  it('a rejection reaches every waiter and clears the key so the next call retries', async () => {
    const group = new SingleFlight<string, number>();
    const d = deferred<number>();
    const p1 = group.do('k', () => d.promise);
    const p2 = group.do('k', () => Promise.resolve(-1));
    d.reject(new Error('db down'));
    await expect(p1).rejects.toThrow('db down');
    await expect(p2).rejects.toThrow('db down');
    expect(group.inFlight()).toBe(0);
    expect(await group.do('k', async () => 7)).toBe(7);
  });

  it('a synchronous throw inside fn becomes a rejection and does not leave the key stuck', async () => {
    const group = new SingleFlight<string, number>();
    const boom = (): Promise<number> => {
      throw new Error('sync boom');
    };
    let thrownSynchronously = false;
    let p: Promise<number> | undefined;
    try {
      p = group.do('k', boom);
    } catch {
      thrownSynchronously = true;
    }
    expect(thrownSynchronously).toBe(false);
    await expect(p).rejects.toThrow('sync boom');
    expect(group.inFlight()).toBe(0);
  });

  it('after forget(), a late-settling old call does not remove the new in-flight call', async () => {
    const group = new SingleFlight<string, string>();
    const old = deferred<string>();
    const fresh = deferred<string>();
    let calls = 0;

    const p1 = group.do('k', () => (calls++, old.promise));
    group.forget('k');
    const p2 = group.do('k', () => (calls++, fresh.promise));
    expect(calls).toBe(2);

    old.resolve('stale');
    await p1;
    await tick();

    // The fresh call is still pending, so a third caller must join it rather than start another load.
    const p3 = group.do('k', () => (calls++, Promise.resolve('third')));
    expect(calls).toBe(2);
    fresh.resolve('fresh');
    expect(await p2).toBe('fresh');
    expect(await p3).toBe('fresh');
  });
});

describe('createCachedLoader', () => {
  it('coalesces concurrent misses into a single load and caches the result', async () => {
    const cache = new Map<string, { id: string }>();
    const d = deferred<{ id: string }>();
    let loads = 0;
    const get = createCachedLoader(cache, () => (loads++, d.promise));
    const pending = Promise.all(Array.from({ length: 20 }, () => get('user:1')));
    d.resolve({ id: '1' });
    const users = await pending;
    expect(loads).toBe(1);
    expect(new Set(users).size).toBe(1);
    expect(cache.get('user:1')).toEqual({ id: '1' });
    await get('user:1');
    expect(loads).toBe(1);
  });

  it('a cached falsy value (0) is a hit, not a miss', async () => {
    let loads = 0;
    const get = createCachedLoader(new Map<string, number>(), async () => (loads++, 0));
    expect(await get('count')).toBe(0);
    expect(await get('count')).toBe(0);
    expect(loads).toBe(1);
  });

  it('does not cache failures: the next call retries the load', async () => {
    const cache = new Map<string, string>();
    let loads = 0;
    const get = createCachedLoader(cache, async () => {
      loads++;
      if (loads === 1) throw new Error('timeout');
      return 'ok';
    });
    await expect(get('k')).rejects.toThrow('timeout');
    expect(cache.has('k')).toBe(false);
    expect(await get('k')).toBe('ok');
    expect(loads).toBe(2);
  });
});
