import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createCache } from './cache.js';
import { LruCache } from './lru.js';
import { backoffDelay, createQueue } from './queue.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `p5w2:${process.pid}:${Date.now()}`;
const redis = new Redis(REDIS_URL);
const redis2 = new Redis(REDIS_URL); // a second "pod" with its own connection and memory

afterAll(async () => {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 200 })) keys.push(...(batch as string[]));
  if (keys.length > 0) await redis.del(...keys);
  await Promise.all([redis.quit(), redis2.quit()]);
});

describe('step 1: an in-process LRU cache', () => {
  it('evicts the least recently used key, not the oldest inserted', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // touching "a" makes "b" the LRU key
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.size).toBe(2);
  });

  it('expires entries after their TTL', () => {
    let now = 0;
    const lru = new LruCache<string, string>(10, 1000, () => now);
    lru.set('k', 'v');
    now = 999;
    expect(lru.get('k')).toBe('v');
    now = 1000;
    expect(lru.get('k')).toBeUndefined();
    expect(lru.size).toBe(0);
  });
});

describe('step 2: cache-aside on Redis with TTL jitter', () => {
  it('loads on a miss, then serves hits from Redis', async () => {
    const cache = createCache(redis, { prefix: `${prefix}:s2`, ttlSeconds: 60 });
    let calls = 0;
    const loader = async () => ({ id: 1, name: 'Ada', calls: ++calls });
    expect(await cache.getOrLoad('user:1', loader)).toEqual({ id: 1, name: 'Ada', calls: 1 });
    expect(await cache.getOrLoad('user:1', loader)).toEqual({ id: 1, name: 'Ada', calls: 1 });
    expect(cache.stats).toEqual({ hits: 1, misses: 1, loads: 1 });
  });

  it('sets a TTL between ttlSeconds and ttlSeconds + jitterSeconds', async () => {
    const cache = createCache(redis, { prefix: `${prefix}:s2j`, ttlSeconds: 60, jitterSeconds: 30 });
    for (let i = 0; i < 10; i++) await cache.getOrLoad(`k${i}`, async () => i);
    for (let i = 0; i < 10; i++) {
      const ttl = await redis.ttl(`${prefix}:s2j:k${i}`);
      expect(ttl).toBeGreaterThanOrEqual(59);
      expect(ttl).toBeLessThanOrEqual(90);
    }
  });
});

describe('step 3: stampede protection', () => {
  it('single-flight: 50 concurrent misses in one process call the loader once', async () => {
    const cache = createCache(redis, { prefix: `${prefix}:s3a`, ttlSeconds: 60 });
    let calls = 0;
    const loader = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 30));
      return 'report';
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.getOrLoad('hot', loader)));
    expect(new Set(results)).toEqual(new Set(['report']));
    expect(calls).toBe(1);
  });

  it('a Redis lock stops two processes from both recomputing the value', async () => {
    const podA = createCache(redis, { prefix: `${prefix}:s3b`, ttlSeconds: 60 });
    const podB = createCache(redis2, { prefix: `${prefix}:s3b`, ttlSeconds: 60 });
    let calls = 0;
    const loader = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 100));
      return 42;
    };
    const [a, b] = await Promise.all([podA.getOrLoad('hot', loader), podB.getOrLoad('hot', loader)]);
    expect([a, b]).toEqual([42, 42]);
    expect(calls).toBe(1);
    expect(await redis.exists(`${prefix}:s3b:lock:hot`)).toBe(0); // the winner released its lock
  });
});

describe('step 4: a job queue with retries, backoff and idempotency', () => {
  it('computes BullMQ-style exponential backoff', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('processes jobs in FIFO order and ignores a duplicate job id', async () => {
    const q = createQueue<{ to: string }>(redis, `${prefix}:q1`);
    expect(await q.add('welcome-1', { to: 'a@example.com' })).toBe(true);
    expect(await q.add('welcome-2', { to: 'b@example.com' })).toBe(true);
    expect(await q.add('welcome-1', { to: 'a@example.com' })).toBe(false); // a retried HTTP request
    const seen: string[] = [];
    while ((await q.processNext(async (job) => void seen.push(job.data.to))) !== null);
    expect(seen).toEqual(['a@example.com', 'b@example.com']);
    expect(await q.counts()).toEqual({ wait: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('retries a failing job with growing delays, then moves it to failed', async () => {
    const q = createQueue<string>(redis, `${prefix}:q2`, { attempts: 3, backoffMs: 100 });
    await q.add('flaky', 'payload');
    const fail = async () => {
      throw new Error('SMTP timeout');
    };
    let now = 10_000;
    await q.processNext(fail, now); // attempt 1 fails → delayed until now + 100
    expect(await redis.zscore(q.keys.delayed, 'flaky')).toBe(String(now + 100));
    expect(await q.promoteDelayed(now + 99)).toBe(0); // not due yet
    expect(await q.promoteDelayed(now + 100)).toBe(1);

    now += 100;
    await q.processNext(fail, now); // attempt 2 fails → delayed until now + 200
    expect(await redis.zscore(q.keys.delayed, 'flaky')).toBe(String(now + 200));
    await q.promoteDelayed(now + 200);

    await q.processNext(fail, now + 200); // attempt 3 fails → out of attempts
    expect(await q.counts()).toEqual({ wait: 0, active: 0, delayed: 0, failed: 1 });
  });

  it('a job that succeeds on a retry leaves no trace behind', async () => {
    const q = createQueue<string>(redis, `${prefix}:q3`, { attempts: 3, backoffMs: 0 });
    await q.add('once-flaky', 'x');
    const attempts: number[] = [];
    const handler = async (job: { attemptsMade: number }) => {
      attempts.push(job.attemptsMade);
      if (job.attemptsMade === 0) throw new Error('boom');
    };
    await q.processNext(handler);
    await q.promoteDelayed();
    await q.processNext(handler);
    expect(attempts).toEqual([0, 1]);
    expect(await q.counts()).toEqual({ wait: 0, active: 0, delayed: 0, failed: 0 });
    expect(await redis.exists(q.keys.job('once-flaky'))).toBe(0);
  });
});
