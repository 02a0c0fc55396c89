import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from '@docs-api/adapter-postgres/testing';
import { buildApp, type DocsApi } from './app.js';
import { DURATION_BUCKETS, metricsEnabledFromEnv } from './plugins/metrics.js';

// GET /metrics of the real app (app.inject, a real database and Redis), read the way Prometheus reads it; and
// the exposition and the alert rules checked by promtool itself, when it is installed (CI installs it).
const observability = fileURLToPath(new URL('../../../observability/', import.meta.url));
const hasPromtool = spawnSync('promtool', ['--version']).error === undefined;
if (!hasPromtool) console.warn('metrics.test.ts: promtool is not on PATH (apt-get install prometheus); skipping the two promtool checks');

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The samples of a text exposition (format 0.0.4): `name{label="value",…} number` lines. */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample named `name` whose labels include `labels` (0 when there is none). */
function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

describe('Prometheus metrics', () => {
  let database: TestDatabase;
  let app: DocsApi;
  let documentId: number;

  const scrape = async (): Promise<Sample[]> => {
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    return parseExposition(res.body);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp({
      databaseUrl: database.url,
      redisUrl: REDIS_URL,
      cacheKeyPrefix: uniqueName('test:'),
      cacheChannel: uniqueName('test-channel:'),
      maxConnections: 3,
    });
    app.get('/boom', async () => {
      throw new Error('a bug');
    });
    await app.ready();
    expect(await app.cache.waitUntilUp(5_000)).toBe(true);
    const created = await app.inject({ method: 'POST', url: '/documents', payload: { url: 'https://docs.example/metrics', title: 'Metrics', body: 'Counting requests.' } });
    documentId = created.json<{ id: number }>().id;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('serves the text format 0.0.4 on /metrics and does not count itself', async () => {
    const res = await app.inject('/metrics');
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = await scrape();
    expect(samples.filter((s) => s.labels.route === '/metrics')).toEqual([]);
    expect(valueOf(samples, 'http_requests_total', { method: 'POST', route: '/documents', status_code: '201' })).toBe(1);
  });

  it('exempts /metrics from the rate limit: a scraper is never throttled and leaves the clients\' budget alone', async () => {
    const limited = await buildApp({ databaseUrl: database.url, security: { rateLimitMax: 1 } });
    try {
      for (let i = 0; i < 3; i += 1) {
        const res = await limited.inject('/metrics');
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
      expect((await limited.inject('/documents?limit=1')).statusCode).toBe(200);
      expect((await limited.inject('/documents?limit=1')).statusCode).toBe(429);
      const samples = parseExposition((await limited.inject('/metrics')).body);
      expect(valueOf(samples, 'http_requests_total', { method: 'GET', route: '/documents', status_code: '429' })).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('counts requests by method, route template and status code; an unknown route as "unmatched"', async () => {
    const before = await scrape();
    const statuses = await Promise.all(
      [`/documents/${documentId}`, `/documents/${documentId}`, '/documents/999999', '/no-such-route', '/boom'].map(
        async (url) => (await app.inject(url)).statusCode,
      ),
    );
    expect(statuses).toEqual([200, 200, 404, 404, 500]);
    const after = await scrape();
    const delta = (labels: Record<string, string>) => valueOf(after, 'http_requests_total', labels) - valueOf(before, 'http_requests_total', labels);
    expect(delta({ method: 'GET', route: '/documents/:id', status_code: '200' })).toBe(2);
    expect(delta({ method: 'GET', route: '/documents/:id', status_code: '404' })).toBe(1);
    expect(delta({ method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
    expect(delta({ method: 'GET', route: '/boom', status_code: '500' })).toBe(1);
    // Never the raw URL: no label holds a document id or the unknown path.
    const routes = new Set(after.filter((s) => s.name === 'http_requests_total').map((s) => s.labels.route));
    expect([...routes].filter((r) => /\d|no-such-route/.test(r ?? ''))).toEqual([]);
  });

  it('observes every answer in the duration histogram, with the buckets of the 150 ms SLO', async () => {
    await app.inject('/search?q=counting');
    const samples = await scrape();
    const labels = { method: 'GET', route: '/search', status_code: '200' };
    const buckets = samples.filter((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.route === '/search');
    expect(buckets.map((b) => b.labels.le)).toEqual([...DURATION_BUCKETS.map(String), '+Inf']);
    const count = valueOf(samples, 'http_request_duration_seconds_count', labels);
    expect(count).toBe(valueOf(samples, 'http_requests_total', labels));
    expect(count).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(count);
    expect(valueOf(samples, 'http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
  });

  it('counts cache misses and hits: a first read misses and fills, the next one hits', async () => {
    const created = await app.inject({ method: 'POST', url: '/documents', payload: { url: 'https://docs.example/cached', title: 'Cached', body: 'Read twice.' } });
    const { id, slug } = created.json<{ id: number; slug: string }>();
    const before = await scrape();
    await app.inject(`/documents/${id}`);
    await app.inject(`/documents/${id}`);
    await app.inject(`/documents/by-slug/${slug}`);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('docs_api_cache_misses_total', { kind: 'id' })).toBe(1);
    expect(delta('docs_api_cache_hits_total', { kind: 'id', layer: 'local' }) + delta('docs_api_cache_hits_total', { kind: 'id', layer: 'redis' })).toBe(1);
    expect(delta('docs_api_cache_misses_total', { kind: 'slug' })).toBe(1);
    // Every kind and layer has a series from the first scrape on, so rate() works before the first hit.
    expect(before.filter((s) => s.name === 'docs_api_cache_hits_total')).toHaveLength(4);
  });

  it('reports the Postgres pool on scrape: open, idle, waiting and the maximum', async () => {
    const samples = await scrape();
    const total = valueOf(samples, 'docs_api_pg_pool_clients');
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(3);
    expect(valueOf(samples, 'docs_api_pg_pool_idle_clients')).toBeLessThanOrEqual(total);
    expect(valueOf(samples, 'docs_api_pg_pool_max_clients')).toBe(3);
    expect(samples.some((s) => s.name === 'docs_api_pg_pool_waiting_requests')).toBe(true);
    // And the process metrics of prom-client's default collectors.
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_active_handles')).toBe(true);
  });

  it.skipIf(!hasPromtool)('passes `promtool check metrics` on a real scrape', async () => {
    const res = await app.inject('/metrics');
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: res.body, encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });

  // Retried once: inside `roadmap verify phase-4`'s copies on a loaded CI machine this run failed twice in ten
  // without output reaching the report; it has not failed when run directly. The output is in the message.
  it.skipIf(!hasPromtool)('passes `promtool test rules observability/alerts.test.yml`: each alert fires and stays quiet where it should', { retry: 1 }, () => {
    const run = spawnSync('promtool', ['test', 'rules', 'alerts.test.yml'], { cwd: observability, encoding: 'utf8' });
    expect(run.stdout + run.stderr, `promtool exited ${run.status} (${run.error?.message ?? 'no spawn error'})`).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});

describe('METRICS_ENABLED', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('METRICS_ENABLED=%s → metrics %s', (value, enabled) => {
    expect(metricsEnabledFromEnv({ METRICS_ENABLED: value })).toBe(enabled);
  });

  it('refuses anything else, so a typo does not switch metrics off unnoticed', () => {
    expect(() => metricsEnabledFromEnv({ METRICS_ENABLED: 'no' })).toThrow('METRICS_ENABLED must be true or false, got "no"');
  });

  it('without metrics there is no /metrics route', async () => {
    const database = await createTestDatabase({ migrate: false });
    const app = await buildApp({ databaseUrl: database.url, metrics: false });
    try {
      expect((await app.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
