import { Redis } from 'ioredis'

/** REDIS_URL when set (CI), else the local default. */
export function connectRedis(): Redis {
  return new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 })
}

/** A key prefix no other test run shares, so parallel runs never read or delete each other's keys. */
export function uniquePrefix(name: string): string {
  return `${name}:${process.pid}:${Date.now()}:`
}

/** Deletes every key under `prefix` with SCAN (never KEYS, which blocks Redis on a big keyspace). */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    cursor = next
    if (keys.length > 0) deleted += await redis.del(...keys)
  } while (cursor !== '0')
  return deleted
}
