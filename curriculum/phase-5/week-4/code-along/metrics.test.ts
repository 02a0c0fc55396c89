import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, Registry } from './metrics.js';
import { fractionAtOrBelow, histogramQuantile, increase, parseBuckets } from './promql.js';
import { createInstrumentedServer } from './server.js';

describe('step 1: counters, gauges and histograms', () => {
  it('enforces Prometheus naming rules', () => {
    expect(() => new Counter('http_requests', 'x')).toThrow(/_total/);
    expect(() => new Gauge('http-requests', 'x')).toThrow(/invalid metric name/);
    expect(() => new Histogram('latency_seconds', 'x', ['le'], [1])).toThrow(/reserved/);
    expect(() => new Counter('jobs_total', 'x').inc({}, -1)).toThrow(/only go up/);
  });

  it('rejects label sets that differ from the declared label names', () => {
    const c = new Counter('jobs_total', 'Jobs.', ['queue']);
    expect(() => c.inc({})).toThrow(/expects labels \[queue\]/);
    expect(() => c.inc({ queue: 'email', user_id: '42' })).toThrow(); // unbounded label = cardinality bomb
  });

  it('counts observations into "less than or equal" buckets', () => {
    const h = new Histogram('latency_seconds', 'Latency.', [], [0.1, 0.5]);
    [0.05, 0.1, 0.3, 2].forEach((v) => h.observe({}, v));
    expect(h.samples(false)).toEqual([
      'latency_seconds_bucket{le="0.1"} 2', // 0.1 itself counts as <= 0.1
      'latency_seconds_bucket{le="0.5"} 3',
      'latency_seconds_bucket{le="+Inf"} 4',
      'latency_seconds_sum 2.45',
      'latency_seconds_count 4',
    ]);
  });
});

describe('step 2: the text exposition format', () => {
  it('renders HELP, TYPE and escaped label values, ending with a newline', () => {
    const r = new Registry();
    r.register(new Counter('app_errors_total', 'Errors by type.', ['type'])).inc({ type: 'say "hi"\\n' });
    r.register(new Gauge('app_queue_depth', 'Jobs waiting.')).set({}, 7);
    expect(r.render()).toBe(
      [
        '# HELP app_errors_total Errors by type.',
        '# TYPE app_errors_total counter',
        'app_errors_total{type="say \\"hi\\"\\\\n"} 1',
        '# HELP app_queue_depth Jobs waiting.',
        '# TYPE app_queue_depth gauge',
        'app_queue_depth 7',
        '',
      ].join('\n'),
    );
  });

  it('OpenMetrics: counter family without _total, exemplars on buckets, # EOF at the end', () => {
    const r = new Registry();
    r.register(new Counter('app_errors_total', 'Errors.')).inc();
    r.register(new Histogram('rpc_seconds', 'RPC latency.', [], [0.1])).observe({}, 0.07, { trace_id: 'abc' });
    const text = r.render('openmetrics');
    expect(text).toContain('# TYPE app_errors counter\napp_errors_total 1');
    expect(text).toContain('rpc_seconds_bucket{le="0.1"} 1 # {trace_id="abc"} 0.07');
    expect(text.endsWith('# EOF\n')).toBe(true);
  });
});

describe('step 3: instrumenting an HTTP server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createInstrumentedServer([
      { method: 'GET', path: '/users/:id', handler: (_req, res) => void res.end('{}') },
      {
        method: 'POST',
        path: '/orders',
        handler: () => {
          throw new Error('db down');
        },
      },
    ]);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('labels by route template, so /users/1 and /users/2 are one series', async () => {
    for (const path of ['/users/1', '/users/2', '/nope']) await (await fetch(base + path)).text();
    await (await fetch(base + '/orders', { method: 'POST' })).text();
    const res = await fetch(base + '/metrics');
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain(
      'http_server_request_duration_seconds_count{method="GET",route="/users/:id",status_code="200"} 2',
    );
    expect(text).toContain('route="unmatched",status_code="404"} 1');
    expect(text).toContain('http_server_request_duration_seconds_count{method="POST",route="/orders",status_code="500"} 1');
    expect(text).toContain('http_server_active_requests 0');
    expect(text).not.toContain('/users/1');
  });

  it('serves OpenMetrics with a trace exemplar when the scraper asks for it', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await (await fetch(base + '/users/9', { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } })).text();
    const res = await fetch(base + '/metrics', { headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
    expect(res.headers.get('content-type')).toContain('application/openmetrics-text');
    expect(await res.text()).toMatch(new RegExp(`route="/users/:id",status_code="200",le="[^"]+"} \\d+ # \\{trace_id="${traceId}"\\}`));
  });
});

describe('step 4: PromQL on buckets', () => {
  const buckets = [
    { le: 0.05, count: 600 },
    { le: 0.1, count: 900 },
    { le: 0.15, count: 960 },
    { le: 0.25, count: 990 },
    { le: Infinity, count: 1000 },
  ];

  it('increase() treats a drop as a counter reset', () => {
    expect(increase(100, 160)).toBe(60);
    expect(increase(100, 20)).toBe(20); // the pod restarted; 20 new requests since
  });

  it('histogram_quantile interpolates linearly inside the bucket that holds the rank', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.041667); // 500/600 of the way from 0 to 0.05
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.141667); // rank 950 is in (0.1, 0.15]
    expect(histogramQuantile(0.999, buckets)).toBe(0.25); // in +Inf: returns the highest finite bound
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 3 }])).toBeNaN();
  });

  it('the SLI "requests under 150 ms" is exact because 0.15 is a bucket boundary', () => {
    expect(fractionAtOrBelow(0.15, buckets)).toBe(0.96);
    expect(() => fractionAtOrBelow(0.2, buckets)).toThrow(/not a bucket boundary/);
  });

  it('parses scraped buckets and sums them across label sets (sum by (le))', () => {
    const text = [
      'x_bucket{route="/a",le="0.1"} 3',
      'x_bucket{route="/a",le="+Inf"} 4',
      'x_bucket{route="/b",le="0.1"} 5',
      'x_bucket{route="/b",le="+Inf"} 6',
    ].join('\n');
    expect(parseBuckets(text, 'x')).toEqual([
      { le: 0.1, count: 8 },
      { le: Infinity, count: 10 },
    ]);
  });
});
