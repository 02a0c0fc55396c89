import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Redis } from 'ioredis'
import { connectRedis, deleteByPrefix, uniquePrefix } from './redis.js'
import { CacheAside } from './cache-aside.js'
import { TwoLevelCache } from './two-level.js'

const prefix = uniquePrefix('p2w3')
let redis: Redis
const caches: TwoLevelCache[] = []

beforeAll(async () => {
  redis = connectRedis()
  await redis.ping()
})

afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()))
  await deleteByPrefix(redis, prefix)
  await redis.quit()
})

/** A stand-in for Postgres that counts how often it is queried. */
function fakeDb(rows: Record<string, string>) {
  const db = { rows: { ...rows }, queries: 0 }
  const load = (id: string) => async () => {
    db.queries++
    await sleep(5) // a database round trip
    return db.rows[id] ?? null
  }
  return { db, load }
}

describe('step 1: cache-aside with a TTL', () => {
  it('loads once, then serves from Redis with a TTL set', async () => {
    const cache = new CacheAside(redis, `${prefix}s1:`, { ttlSeconds: 60 })
    const { db, load } = fakeDb({ a: 'Alpha' })
    expect(await cache.getOrLoad('a', load('a'))).toBe('Alpha')
    expect(await cache.getOrLoad('a', load('a'))).toBe('Alpha')
    expect(db.queries).toBe(1)
    expect(cache.stats).toEqual({ hits: 1, misses: 1 })
    const ttl = await redis.ttl(`${prefix}s1:a`)
    expect(ttl).toBeGreaterThan(50)
    expect(ttl).toBeLessThanOrEqual(66)
  })

  it('caches "not found" as null, so missing rows do not hit the database every time', async () => {
    const cache = new CacheAside(redis, `${prefix}s1:`, { ttlSeconds: 60 })
    const { db, load } = fakeDb({})
    expect(await cache.getOrLoad('missing', load('missing'))).toBeNull()
    expect(await cache.getOrLoad('missing', load('missing'))).toBeNull()
    expect(db.queries).toBe(1)
  })

  it('reloads fresh data after invalidate', async () => {
    const cache = new CacheAside(redis, `${prefix}s1:`, { ttlSeconds: 60 })
    const { db, load } = fakeDb({ b: 'old' })
    await cache.getOrLoad('b', load('b'))
    db.rows.b = 'new'
    await cache.invalidate('b')
    expect(await cache.getOrLoad('b', load('b'))).toBe('new')
  })

  it.each([
    [0, 100],
    [0.5, 105],
    [1, 110],
  ])('adds jitter to the TTL: random()=%f gives %i s', (r, expected) => {
    expect(new CacheAside(redis, prefix, { ttlSeconds: 100, random: () => r }).ttlSeconds()).toBe(expected)
  })
})

describe('step 2: no stampede', () => {
  it('sends 20 concurrent misses for one key to the database once', async () => {
    const cache = new CacheAside(redis, `${prefix}s2:`, { ttlSeconds: 60 })
    const { db, load } = fakeDb({ hot: 'value' })
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.getOrLoad('hot', load('hot'))))
    expect(new Set(results)).toEqual(new Set(['value']))
    expect(db.queries).toBe(1)
  })

  it('does not cache a failed load, and the next call tries again', async () => {
    const cache = new CacheAside(redis, `${prefix}s2:`, { ttlSeconds: 60 })
    await expect(cache.getOrLoad('flaky', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down')
    await expect(cache.getOrLoad('flaky', async () => 'recovered')).resolves.toBe('recovered')
  })
})

describe('step 3: two levels, invalidated over pub/sub', () => {
  let a: TwoLevelCache
  let b: TwoLevelCache
  const options = { prefix: `${prefix}doc:`, channel: `${prefix}invalidate`, l1TtlMs: 60_000, l2TtlSeconds: 300, maxEntries: 100 }

  beforeAll(async () => {
    a = await TwoLevelCache.create(redis, options)
    b = await TwoLevelCache.create(redis, options)
    caches.push(a, b)
  })

  it('shares one Redis copy between instances and keeps a local copy in each', async () => {
    const { db, load } = fakeDb({ '1': 'v1' })
    expect(await a.get('1', load('1'))).toBe('v1') // database
    expect(await b.get('1', load('1'))).toBe('v1') // Redis
    expect(await b.get('1', load('1'))).toBe('v1') // B's memory
    expect(db.queries).toBe(1)
    expect(b.stats).toEqual({ l1: 1, l2: 1, loads: 0 })
  })

  it("drops the other instance's local copy when one instance invalidates", async () => {
    const { db, load } = fakeDb({ '2': 'v1' })
    await a.get('2', load('2'))
    await b.get('2', load('2'))
    const bHeard = new Promise<string>((resolve) => b.onInvalidated(resolve))
    db.rows['2'] = 'v2' // the write goes to the database first...
    expect(await a.invalidate('2')).toBe(2) // ...then the cache: both subscribers received it
    expect(await bHeard).toBe('2')
    expect(await b.get('2', load('2'))).toBe('v2')
  })

  it('evicts the least recently used entry when L1 is full', async () => {
    const small = await TwoLevelCache.create(redis, { ...options, channel: `${prefix}small`, maxEntries: 2 })
    caches.push(small)
    const { load } = fakeDb({ x: 'X', y: 'Y', z: 'Z' })
    await small.get('x', load('x'))
    await small.get('y', load('y'))
    await small.get('x', load('x')) // x is now the most recently used
    await small.get('z', load('z')) // evicts y
    const before = { ...small.stats }
    await small.get('x', load('x'))
    await small.get('y', load('y'))
    expect(small.stats.l1 - before.l1).toBe(1) // x from memory
    expect(small.stats.l2 - before.l2).toBe(1) // y had to come back from Redis
  })
})

describe('step 4: safety net and latency', () => {
  it('bounds a missed invalidation by the L1 TTL', async () => {
    let clock = 0
    const cache = await TwoLevelCache.create(redis, {
      prefix: `${prefix}s4:`,
      channel: `${prefix}s4`,
      l1TtlMs: 1_000,
      l2TtlSeconds: 300,
      maxEntries: 100,
      now: () => clock,
    })
    caches.push(cache)
    const { db, load } = fakeDb({ k: 'old' })
    await cache.get('k', load('k'))
    db.rows.k = 'new'
    await redis.del(`${prefix}s4:k`) // the writer cleared Redis, but the PUBLISH was lost
    expect(await cache.get('k', load('k'))).toBe('old') // stale, from L1...
    clock += 1_001
    expect(await cache.get('k', load('k'))).toBe('new') // ...but only until the L1 TTL ran out
  })

  it('answers a hot key in well under 50 ms at p95, from memory and from Redis', async () => {
    const p95 = async (cache: TwoLevelCache) => {
      const { load } = fakeDb({ hot: 'x'.repeat(2_000) })
      await cache.get('hot', load('hot'))
      const times: number[] = []
      for (let i = 0; i < 200; i++) {
        const started = performance.now()
        await cache.get('hot', load('hot'))
        times.push(performance.now() - started)
      }
      return times.toSorted((x, y) => x - y)[189]!
    }
    const base = { prefix: `${prefix}lat:`, l2TtlSeconds: 300, maxEntries: 100 }
    const memory = await TwoLevelCache.create(redis, { ...base, channel: `${prefix}lat1`, l1TtlMs: 60_000 })
    const redisOnly = await TwoLevelCache.create(redis, { ...base, channel: `${prefix}lat2`, l1TtlMs: 0 })
    caches.push(memory, redisOnly)
    expect(await p95(memory)).toBeLessThan(50)
    expect(await p95(redisOnly)).toBeLessThan(50)
    expect(redisOnly.stats.l1).toBe(0) // every read really went to Redis
  })
})
