import { randomBytes } from 'node:crypto';
import type { DocumentView } from '@docs-api/application';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisDocumentCache } from './redis-document-cache.js';

// The DocumentCache port on the real Redis of REDIS_URL (default the local one), a key prefix and channel per
// test: two instances share it as two API processes would.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const quiet = { info: () => {}, warn: () => {} };
const open: RedisDocumentCache[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function pair(): Promise<[RedisDocumentCache, RedisDocumentCache]> {
  const space = `test:${randomBytes(6).toString('hex')}:`;
  const make = () => new RedisDocumentCache({ redisUrl: REDIS_URL, keyPrefix: space, channel: `${space}invalidate`, logger: quiet });
  const caches: [RedisDocumentCache, RedisDocumentCache] = [make(), make()];
  open.push(...caches);
  for (const c of caches) expect(await c.waitUntilUp(5_000)).toBe(true);
  return caches;
}

const doc = (version: number): DocumentView => ({
  id: 42,
  url: 'https://x.dev/docs/42',
  slug: 'docs-42',
  title: `v${version}`,
  headings: [],
  body: 'text',
  links: [],
  status: 200,
  version,
  createdAt: '2025-08-23T10:00:00.000Z',
  updatedAt: '2025-08-23T10:00:00.000Z',
});

describe('RedisDocumentCache', () => {
  it('a fill on one instance is a hit on the other, by id and by slug', async () => {
    const [a, b] = await pair();
    await a.fill('id', '42', doc(1));
    await a.fill('slug', 'docs-42', doc(1));
    expect((await b.get('id', '42'))?.title).toBe('v1');
    expect((await b.get('slug', 'docs-42'))?.title).toBe('v1');
    expect(await b.get('id', '43')).toBeUndefined();
  });

  it('an invalidation on one instance reaches the other, and a late fill of the old version is refused', async () => {
    const [a, b] = await pair();
    await b.fill('id', '42', doc(1));
    expect((await b.get('id', '42'))?.version).toBe(1);
    await a.invalidate({ id: 42, slugs: ['docs-42'], version: 2 });
    // B drops its in-process copy when the message arrives.
    await expect.poll(() => b.get('id', '42'), { timeout: 5_000, interval: 5 }).toBeUndefined();
    // A reader that loaded v1 before the write fills after it: neither layer may keep it.
    await b.fill('id', '42', doc(1));
    expect(await a.get('id', '42')).toBeUndefined();
    expect(await b.get('id', '42')).toBeUndefined();
    await b.fill('id', '42', doc(2));
    expect((await a.get('id', '42'))?.version).toBe(2);
  });

  it('without a Redis URL it is disabled: every read a miss, writes never fail', async () => {
    const cache = new RedisDocumentCache({ logger: quiet });
    open.push(cache);
    expect(cache.status).toBe('disabled');
    await cache.invalidate({ id: 1, slugs: ['a'], version: 2 });
    await cache.fill('id', '1', doc(3));
    expect(await cache.get('id', '1')).toBeUndefined();
    expect(cache.status).toBe('disabled');
  });

  it('tells lookup listeners where each read was answered: Redis, the local layer, or a miss', async () => {
    const [a, b] = await pair();
    const seen: string[] = [];
    const stop = b.onLookup((kind, result) => seen.push(`${kind}:${result}`));
    await a.fill('id', '42', doc(1));
    await b.get('id', '42'); // from Redis, which fills b's local layer
    await b.get('id', '42');
    await b.get('slug', 'nope');
    stop();
    await b.get('id', '42');
    expect(seen).toEqual(['id:redis', 'id:local', 'slug:miss']);
  });
});
