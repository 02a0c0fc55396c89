export { RedisDocumentCache } from './redis-document-cache.js';
