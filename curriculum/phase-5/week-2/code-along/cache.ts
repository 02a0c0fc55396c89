// Step 2 and 3: cache-aside on Redis with TTL jitter and stampede protection.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Delete the lock only if we still own it (another process may hold it after our PX expired).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface CacheOptions {
  prefix: string;
  ttlSeconds: number;
  jitterSeconds?: number; // spread expiries so hot keys don't all expire together
  lockMs?: number;
  waitMs?: number; // how long a process without the lock waits for the winner's value
}

export function createCache(redis: Redis, opts: CacheOptions) {
  const { prefix, ttlSeconds, jitterSeconds = 0, lockMs = 5000, waitMs = 2000 } = opts;
  const inFlight = new Map<string, Promise<unknown>>(); // single-flight inside this process
  const stats = { hits: 0, misses: 0, loads: 0 };

  const ttl = () => ttlSeconds + Math.floor(Math.random() * (jitterSeconds + 1));

  async function load<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const lockKey = `${prefix}:lock:${key}`;
    const token = randomUUID();
    // SET NX PX: only one process across the fleet recomputes the value (stampede protection).
    const gotLock = (await redis.set(lockKey, token, 'PX', lockMs, 'NX')) === 'OK';
    if (!gotLock) {
      for (const deadline = Date.now() + waitMs; Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 20));
        const cached = await redis.get(`${prefix}:${key}`);
        if (cached !== null) return JSON.parse(cached) as T;
      }
      // The winner is slow or died: fall through and load anyway rather than fail the request.
    }
    try {
      stats.loads++;
      const value = await loader();
      await redis.set(`${prefix}:${key}`, JSON.stringify(value), 'EX', ttl());
      return value;
    } finally {
      if (gotLock) await redis.eval(RELEASE, 1, lockKey, token);
    }
  }

  async function getOrLoad<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const cached = await redis.get(`${prefix}:${key}`);
    if (cached !== null) {
      stats.hits++;
      return JSON.parse(cached) as T;
    }
    stats.misses++;
    const pending = inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const p = load(key, loader).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }

  return { getOrLoad, stats };
}
