import type { RedisOptions } from 'ioredis';

/**
 * ioredis options from a `redis://` or `rediss://` URL (user, password, host, port, database number as the path).
 * BullMQ is handed options, not a client, so it owns its connections and closes them with the queue or worker.
 */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch (error) {
    throw new Error(`REDIS_URL is not a URL: "${redisUrl}"`, { cause: error });
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`REDIS_URL must be redis:// or rediss://, got "${url.protocol}"`);
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
