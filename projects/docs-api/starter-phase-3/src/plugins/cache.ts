import type { FastifyInstance } from 'fastify';
import { DocumentCache, type DocumentCacheOptions } from '../document-cache.js';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    cache: DocumentCache;
  }
}

export type CachePluginOptions = Omit<DocumentCacheOptions, 'logger'>;

/** The document cache (`app.cache`): Redis plus an in-process layer; both Redis connections close with the app. */
export const cachePlugin = fp(async (app: FastifyInstance, options: CachePluginOptions) => {
  const cache = new DocumentCache({ ...options, logger: app.log });
  if (cache.status === 'disabled') app.log.warn('cache: REDIS_URL not set, serving uncached (degraded)');
  app.decorate('cache', cache);
  app.addHook('onClose', async () => {
    await cache.close();
  });
}, { name: 'cache' });
