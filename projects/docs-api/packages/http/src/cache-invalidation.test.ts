import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type DocsApi } from './app.js';
import { RedisDocumentCache as DocumentCache } from '@docs-api/adapter-redis';
import type { DocumentView } from '@docs-api/application';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from '@docs-api/adapter-postgres/testing';

const quiet = { info: () => {}, warn: () => {} };

/**
 * Waits for `check` to hold, looking every 10 ms. The deadline only turns a hang into a failure; it measures
 * nothing (how fast invalidation is belongs to `roadmap verify phase-2`).
 */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

function doc(version: number): DocumentView {
  return { id: 7, url: 'https://x.dev/a', slug: 'a', title: `v${version}`, headings: [], body: '', links: [], status: 200, version, createdAt: '', updatedAt: '' };
}

describe('the cache fill race', () => {
  const prefix = uniqueName('test:');
  const channel = uniqueName('test-channel:');
  let a: DocumentCache;
  let b: DocumentCache;
  let redis: Redis;

  beforeAll(async () => {
    a = new DocumentCache({ redisUrl: REDIS_URL, keyPrefix: prefix, channel, logger: quiet });
    b = new DocumentCache({ redisUrl: REDIS_URL, keyPrefix: prefix, channel, logger: quiet });
    redis = new Redis(REDIS_URL);
    await until(() => a.status === 'up' && b.status === 'up');
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), redis?.quit()]);
  });

  it('never lets a reader that loaded the old row put it back after the invalidation', async () => {
    // Reader on B loaded v1 from Postgres; meanwhile a writer on A committed v2 and invalidated.
    await a.invalidate({ id: 7, slugs: ['a'], version: 2 });
    await b.fill('id', '7', doc(1));
    await b.fill('slug', 'a', doc(1));
    expect(await redis.exists(`${prefix}doc:id:7`, `${prefix}doc:slug:a`)).toBe(0);
    expect(await b.get('id', '7')).toBeUndefined();
    expect(await a.get('slug', 'a')).toBeUndefined();
    // The new version fills normally, on both layers.
    await b.fill('id', '7', doc(2));
    expect((await a.get('id', '7'))?.version).toBe(2);
    expect((await b.get('id', '7'))?.version).toBe(2);
  });

  it('drops the other instance’s in-process copy through pub/sub', async () => {
    await b.fill('id', '7', doc(2));
    expect((await b.get('id', '7'))?.version).toBe(2);
    await a.invalidate({ id: 7, slugs: ['a'], version: 3 });
    // The Redis entry went with A's script; B's copy goes when the message arrives.
    await until(async () => (await b.get('id', '7')) === undefined);
    // And B, having learnt the floor, refuses the old version from then on.
    await b.fill('id', '7', doc(2));
    expect(await b.get('id', '7')).toBeUndefined();
  });

  it('never lets a late fill of an older version replace a newer in-process copy', async () => {
    await b.fill('id', '8', { ...doc(5), id: 8 });
    expect((await b.get('id', '8'))?.version).toBe(5);
    // A reader that loaded v4 before v5 was written, finishing late (before any invalidation reached B).
    await b.fill('id', '8', { ...doc(4), id: 8 });
    expect((await b.get('id', '8'))?.version).toBe(5);
  });
});

// Two API instances on one database and one Redis (same prefix and channel): writes on A while B serves a
// steady stream of reads by id and by slug. Every write becomes visible on B, and once B has served a version
// of a key it never serves an older one of that key again.
describe('two API instances', () => {
  let database: TestDatabase;
  let a: DocsApi;
  let b: DocsApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { databaseUrl: database.url, redisUrl: REDIS_URL, cacheKeyPrefix: uniqueName('test:'), cacheChannel: uniqueName('test-channel:') };
    a = await buildApp(options);
    b = await buildApp(options);
    await until(() => a.cache.status === 'up' && b.cache.status === 'up');
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
  });

  it('B serves every write made on A, and never goes back to an older version once it served a newer one', async () => {
    const created = (await a.inject({ method: 'POST', url: '/documents', payload: { url: 'https://docs.example/race', title: 'v1', body: 'x' } })).json() as DocumentView;
    const urls = [`/documents/${created.id}`, '/documents/by-slug/race'];
    /** Per URL: the newest version a finished read on B has returned. */
    const served = new Map(urls.map((url) => [url, 0]));
    const backwards: string[] = [];
    let checked = 0;
    let writing = true;

    const read = async (url: string): Promise<number> => {
      const floor = served.get(url)!;
      const res = await b.inject(url);
      expect(res.statusCode).toBe(200);
      const { version } = res.json() as DocumentView;
      checked += 1;
      if (version < floor) backwards.push(`${url}: v${version} after v${floor} was served`);
      if (version > served.get(url)!) served.set(url, version);
      return version;
    };
    const reader = async (url: string): Promise<void> => {
      while (writing) {
        await read(url);
        // A read served from the in-process layer never leaves the microtask queue: yield to timers and I/O.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const readers = [...urls, ...urls].map(reader);

    for (let n = 2; n <= 41; n++) {
      const res = await a.inject({ method: 'PUT', url: `/documents/${created.id}`, payload: { url: created.url, title: `v${n}`, body: 'x' } });
      expect(res.json()).toMatchObject({ version: n });
      for (const url of urls) await until(async () => (await read(url)) >= n);
    }
    writing = false;
    await Promise.all(readers);

    expect(backwards).toEqual([]);
    expect(checked).toBeGreaterThan(80);
    for (const url of urls) expect(served.get(url)).toBe(41);
  });
});
