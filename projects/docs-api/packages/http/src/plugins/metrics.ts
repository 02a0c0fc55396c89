import type { FastifyInstance } from 'fastify';
import { poolStats, type PoolStats } from '@docs-api/adapter-postgres';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where Prometheus scrapes, on the API's own port. */
export const METRICS_PATH = '/metrics';

/** The `route` label of a request no route matched (a 404, a URL the router refused): never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Bucket bounds of `http_request_duration_seconds`, in seconds, chosen for the SLO "p95 under 150 ms".
 * `histogram_quantile` interpolates inside a bucket, so its answer is only as good as the buckets around the
 * threshold: they are dense from 50 to 300 ms (25–50 ms apart, with a bound exactly at 0.15, so "more than 5 %
 * slower than 150 ms" is a count, not an estimate), sparse below (cache hits take about a millisecond) and
 * above (2.5 s catches the stalls; anything slower is in +Inf). 13 buckets × the routes × methods × status
 * codes keeps the series count in the hundreds.
 */
export const DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.3, 0.5, 1, 2.5];

/**
 * prom-client's default collectors that are gauges named `_total`, which `promtool check metrics` refuses
 * ("non-counter metrics should not have _total suffix"); a prefix would not help, the suffix stays. Each has a
 * twin without the suffix (`nodejs_active_handles`, …) that stays, so nothing is lost.
 */
export const LINT_FAILING_DEFAULT_METRICS: readonly string[] = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export interface MetricsPluginOptions {
  /** Serve GET /metrics and count requests. @default true */
  readonly enabled?: boolean;
}

/**
 * METRICS_ENABLED: unset or empty is on (the default); `true`/`1` on, `false`/`0` off; anything else is a
 * mistake (exit 1), so a typo never switches metrics off unnoticed.
 */
export function metricsEnabledFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.METRICS_ENABLED;
  if (value === undefined || value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`METRICS_ENABLED must be true or false, got "${value}"`);
}

/**
 * Prometheus metrics on GET /metrics (text format 0.0.4), from a registry of the app's own (never prom-client's
 * global one, so two apps in one process, as in the tests, count apart):
 * - RED per route: `http_requests_total` and `http_request_duration_seconds{method,route,status_code}`, the
 *   route as its template (`/documents/:id`), `unmatched` when no route matched; /metrics itself is not counted;
 * - the pg Pool: `docs_api_pg_pool_clients`, `_idle_clients`, `_max_clients`, `_waiting_requests`, read on scrape;
 * - the cache: `docs_api_cache_hits_total{kind,layer}` and `docs_api_cache_misses_total{kind}`, counted through
 *   the adapter's lookup listener (the use cases know nothing of it);
 * - prom-client's process and Node.js metrics (`process_*`, `nodejs_*`), less the ones promtool refuses.
 * The route is exempt from the rate limit: a scraper must not be throttled by, or eat into, a client's budget.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsPluginOptions) => {
    if (options.enabled === false) return;
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    for (const name of LINT_FAILING_DEFAULT_METRICS) registry.removeSingleMetric(name);
    const registers = [registry];

    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route template and status code.', labelNames, registers });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer, by method, route template and status code.',
      labelNames,
      buckets: [...DURATION_BUCKETS],
      registers,
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url;
      if (route === METRICS_PATH) return;
      const labels = { method: request.method, route: route ?? UNMATCHED_ROUTE, status_code: String(reply.statusCode) };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
    });

    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number): Gauge =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const stats = poolStats(app.db);
          if (stats) this.set(read(stats));
        },
      });
    poolGauge('docs_api_pg_pool_clients', 'Postgres clients the pool holds open (idle or checked out).', (s) => s.total);
    poolGauge('docs_api_pg_pool_idle_clients', 'Postgres clients open and idle in the pool.', (s) => s.idle);
    poolGauge('docs_api_pg_pool_max_clients', 'The most Postgres clients the pool may open.', (s) => s.max);
    poolGauge('docs_api_pg_pool_waiting_requests', 'Queries waiting for a Postgres client because the pool is exhausted.', (s) => s.waiting);

    const hits = new Counter({ name: 'docs_api_cache_hits_total', help: 'Document reads the cache answered, by key kind (id, slug) and layer (local: in-process, redis).', labelNames: ['kind', 'layer'] as const, registers });
    const misses = new Counter({ name: 'docs_api_cache_misses_total', help: 'Document reads the cache could not answer (Postgres did), including every read while Redis is down or not configured.', labelNames: ['kind'] as const, registers });
    // Zero from the start, so rate() and the hit ratio have a series before the first read of each kind.
    for (const kind of ['id', 'slug'] as const) {
      misses.inc({ kind }, 0);
      for (const layer of ['local', 'redis'] as const) hits.inc({ kind, layer }, 0);
    }
    const stopCounting = app.cache.onLookup((kind, result) => {
      if (result === 'miss') misses.inc({ kind });
      else hits.inc({ kind, layer: result });
    });

    app.get(METRICS_PATH, { config: { rateLimit: false } }, async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
    app.addHook('onClose', async () => {
      stopCounting();
      registry.clear();
    });
  },
  { name: 'metrics', dependencies: ['postgres', 'cache'] },
);
