import type { FastifyInstance } from 'fastify';
import { RedisDocumentCache, type DocumentCacheOptions } from '@docs-api/adapter-redis';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    cache: RedisDocumentCache;
  }
}

export type CachePluginOptions = Omit<DocumentCacheOptions, 'logger'>;

/** The document cache (`app.cache`): Redis plus an in-process layer; both Redis connections close with the app. */
export const cachePlugin = fp(async (app: FastifyInstance, options: CachePluginOptions) => {
  const cache = new RedisDocumentCache({ ...options, logger: app.log });
  if (cache.status === 'disabled') app.log.warn('cache: REDIS_URL not set, serving uncached (degraded)');
  app.decorate('cache', cache);
  app.addHook('onClose', async () => {
    await cache.close();
  });
}, { name: 'cache' });
