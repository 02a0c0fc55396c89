// The Redis adapter: the DocumentCache port (in-process LRU + Redis, pub/sub invalidation across instances).
export { RedisDocumentCache, type CacheLogger, type CacheLookupListener, type CacheLookupResult, type DocumentCacheOptions } from './redis-document-cache.js';
