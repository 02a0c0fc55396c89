import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type DocsApi } from './app.js';
import { DocumentRepository } from './document-repository.js';
import { PrivateRedis } from './testing/redis-server.js';
import { TcpProxy } from './testing/tcp-proxy.js';
import { BASE_DATABASE_URL, createTestDatabase, uniqueName, withDatabase, type TestDatabase } from './testing/test-database.js';

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

/** A pino destination that keeps the log lines, to assert what the API logged. */
function logCapture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await new DocumentRepository(database.db).create({ url: 'https://docs.example/one', title: 'One', headings: [], body: 'the body', links: [], status: 200 });
});

afterAll(async () => {
  await database?.drop();
});

// Postgres behind a TCP proxy the test closes (every connection cut, new ones refused) and reopens.
describe('Postgres down and back', () => {
  let proxy: TcpProxy;
  let app: DocsApi;

  beforeAll(async () => {
    const target = new URL(BASE_DATABASE_URL);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    app = await buildApp({ databaseUrl: withDatabase(BASE_DATABASE_URL, database.name, `127.0.0.1:${proxy.port}`) });
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.stop();
  });

  it('answers 503 problem+json with Retry-After while it is down, and recovers without a restart', async () => {
    expect((await app.inject('/documents/1')).statusCode).toBe(200);
    expect((await app.inject('/health')).json()).toMatchObject({ checks: { database: 'up' } });

    await proxy.stop();
    for (const request of [
      { url: '/documents/1' },
      { url: '/documents/by-slug/one' },
      { url: '/documents' },
      { url: '/search?q=body' },
      { method: 'POST' as const, url: '/documents', payload: { url: 'https://docs.example/two', title: 'Two', body: 'b' } },
      { url: '/health' },
    ]) {
      const res = await app.inject(request);
      expect(res.statusCode, request.url).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json()).toMatchObject({ type: '/problems/database-unavailable', status: 503, instance: request.url });
    }
    expect((await app.inject('/health')).json()).toMatchObject({ checks: { database: 'down', cache: 'disabled' } });

    await proxy.start();
    const seen = new Set<number>();
    const reopened = performance.now();
    let attempts = 0;
    await until(async () => {
      attempts += 1;
      const status = (await app.inject('/documents/1')).statusCode;
      seen.add(status);
      return status === 200;
    });
    // A figure for the README, not a threshold: how soon it recovers depends on the machine.
    console.info(`postgres back: 200 after ${attempts} request(s), ${(performance.now() - reopened).toFixed(0)} ms`);
    expect([...seen].every((s) => s === 200 || s === 503)).toBe(true);
    expect((await app.inject('/health')).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/documents', payload: { url: 'https://docs.example/two', title: 'Two', body: 'b' } })).statusCode).toBe(201);
  });
});

// Redis is a cache: when it goes away the API keeps serving from Postgres, says so, and picks Redis up again.
describe('Redis down and back', () => {
  let redis: PrivateRedis;
  let app: DocsApi;
  const log = logCapture();

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await buildApp({
      databaseUrl: database.url,
      redisUrl: redis.url,
      cacheKeyPrefix: uniqueName('test:'),
      cacheChannel: uniqueName('test-channel:'),
      logger: { level: 'info', stream: log.stream },
    });
    await until(() => app.cache.status === 'up');
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('serves reads and writes from Postgres while Redis is down (never a 5xx), reports degraded, and recovers', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok', checks: { database: 'up', cache: 'up' } });
    const before = (await app.inject('/documents/1')).json() as { version: number; title: string };

    await redis.stop();
    await until(() => app.cache.status === 'down');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const read = await app.inject('/documents/1');
      statuses.push(read.statusCode);
      expect(read.json()).toMatchObject({ id: 1 });
    }
    const put = await app.inject({ method: 'PUT', url: '/documents/1', payload: { url: 'https://docs.example/one', title: 'One, edited while Redis was down', body: 'the body' } });
    statuses.push(put.statusCode);
    expect(put.json()).toMatchObject({ version: before.version + 1 });
    expect((await app.inject('/documents/by-slug/one')).json()).toMatchObject({ version: before.version + 1 });
    const health = await app.inject('/health');
    statuses.push(health.statusCode);
    expect(health.json()).toEqual({ status: 'degraded', checks: { database: 'up', cache: 'down' } });
    expect(statuses.every((s) => s < 500)).toBe(true);
    expect(log.lines.some((l) => l.includes('serving uncached (degraded)'))).toBe(true);

    await redis.start();
    await until(() => app.cache.status === 'up');
    expect((await app.inject('/health')).json()).toMatchObject({ status: 'ok' });
    expect(log.lines.some((l) => l.includes('Redis is back'))).toBe(true);
    // Cached again, and still the edited version.
    expect((await app.inject('/documents/1')).json()).toMatchObject({ version: before.version + 1 });
    expect((await app.inject('/documents/1')).json()).toMatchObject({ version: before.version + 1 });
  });

  it('starts and serves with Redis unreachable from the start (a closed port)', async () => {
    const closed = await PrivateRedis.start();
    await closed.stop(); // A port that was just free and now has nothing listening.
    const lonely = await buildApp({ databaseUrl: database.url, redisUrl: closed.url, cacheKeyPrefix: uniqueName('test:') });
    try {
      expect((await lonely.inject('/documents/1')).statusCode).toBe(200);
      expect((await lonely.inject('/health')).json()).toMatchObject({ status: 'degraded', checks: { cache: 'down' } });
    } finally {
      await lonely.close();
    }
  });
});
