import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type DocsApi } from './app.js';
import { DocumentCache } from './document-cache.js';
import type { DocumentView } from './document-repository.js';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from './testing/test-database.js';

/** The invalidation window the README promises: after a write returns, no instance serves the old version. */
const WINDOW_MS = 100;

const quiet = { info: () => {}, warn: () => {} };

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
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
    await sleep(WINDOW_MS);
    expect(await b.get('id', '7')).toBeUndefined();
  });
});

// Two API instances on one database and one Redis (same prefix and channel): writes on A while B serves a
// steady stream of reads by id and by slug. Every read on B that starts more than WINDOW_MS after a write on A
// returned must see that write's version or a newer one.
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

  it(`never serve the old version on B once ${WINDOW_MS} ms have passed after a write on A`, async () => {
    const created = (await a.inject({ method: 'POST', url: '/documents', payload: { url: 'https://docs.example/race', title: 'v1', body: 'x' } })).json() as DocumentView;
    const writes: { version: number; doneAt: number }[] = [{ version: 1, doneAt: performance.now() }];
    const reads: { startedAt: number; version: number }[] = [];
    let writing = true;

    const reader = async (url: string): Promise<void> => {
      while (writing) {
        const startedAt = performance.now();
        const res = await b.inject(url);
        expect(res.statusCode).toBe(200);
        reads.push({ startedAt, version: (res.json() as DocumentView).version });
        // A read served from the in-process layer never leaves the microtask queue: yield to timers and I/O.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const readers = [reader(`/documents/${created.id}`), reader(`/documents/${created.id}`), reader('/documents/by-slug/race'), reader('/documents/by-slug/race')];

    const visibleAfter: number[] = [];
    for (let n = 2; n <= 41; n++) {
      const res = await a.inject({ method: 'PUT', url: `/documents/${created.id}`, payload: { url: created.url, title: `v${n}`, body: 'x' } });
      expect(res.json()).toMatchObject({ version: n });
      const doneAt = performance.now();
      writes.push({ version: n, doneAt });
      // How long until B serves it (the measured invalidation delay).
      while (((await b.inject(`/documents/${created.id}`)).json() as DocumentView).version < n) await sleep(1);
      visibleAfter.push(performance.now() - doneAt);
      await sleep(WINDOW_MS + Math.random() * 50);
    }
    writing = false;
    await Promise.all(readers);

    let checked = 0;
    for (const read of reads) {
      const due = writes.filter((w) => w.doneAt + WINDOW_MS <= read.startedAt).at(-1);
      if (!due) continue;
      checked += 1;
      expect(read.version).toBeGreaterThanOrEqual(due.version);
    }
    expect(checked).toBeGreaterThan(200);
    visibleAfter.sort((x, y) => x - y);
    const max = visibleAfter.at(-1)!;
    console.info(`invalidation: B saw each write after median ${visibleAfter[20]!.toFixed(1)} ms, max ${max.toFixed(1)} ms (${reads.length} reads on B checked ${checked})`);
    expect(max).toBeLessThan(WINDOW_MS);
  });
});
