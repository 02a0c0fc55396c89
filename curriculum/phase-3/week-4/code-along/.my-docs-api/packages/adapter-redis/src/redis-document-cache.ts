import type { DocumentCache } from '@my-docs-api/application';
import type { DocumentState } from '@my-docs-api/domain';
import { Redis } from 'ioredis';

/** The DocumentCache port on Redis (your monolith's document-cache.ts, moved, with its LRU and pub/sub). */
export class RedisDocumentCache implements DocumentCache {
  readonly #redis: Redis;

  constructor(redisUrl: string) {
    this.#redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false });
  }

  async get(id: number): Promise<DocumentState | undefined> {
    const json = await this.#redis.get(`doc:id:${id}`).catch(() => null);
    return json ? (JSON.parse(json) as DocumentState) : undefined;
  }

  async fill(document: DocumentState): Promise<void> {
    await this.#redis.set(`doc:id:${document.id}`, JSON.stringify(document), 'EX', 300).catch(() => {});
  }

  async invalidate(id: number, version: number): Promise<void> {
    await this.#redis.publish('docs-api:invalidate', JSON.stringify({ id, version })).catch(() => {});
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}
