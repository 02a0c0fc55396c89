// Step 3: RED metrics for an HTTP server and a /metrics endpoint Prometheus can scrape.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Gauge, Histogram, OPENMETRICS_CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE, Registry } from './metrics.js';

export interface Route {
  method: string;
  path: string; // a template such as /users/:id — the label value, never the raw URL
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

// Seconds, as Prometheus and OpenTelemetry's http.server.request.duration use; 0.15 makes "under 150 ms" exact.
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5];

export function createInstrumentedServer(routes: Route[], registry = new Registry()): Server {
  const duration = registry.register(
    new Histogram('http_server_request_duration_seconds', 'Duration of HTTP server requests.', ['method', 'route', 'status_code'], DURATION_BUCKETS),
  );
  const active = registry.register(new Gauge('http_server_active_requests', 'In-flight HTTP requests.'));
  const compiled = routes.map((r) => ({
    ...r,
    regex: new RegExp('^' + r.path.replace(/:[^/]+/g, '[^/]+') + '$'),
  }));

  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/metrics') {
      // Prometheus asks for OpenMetrics in its Accept header; only that format carries exemplars.
      const om = (req.headers.accept ?? '').includes('application/openmetrics-text');
      res.writeHead(200, { 'content-type': om ? OPENMETRICS_CONTENT_TYPE : PROMETHEUS_CONTENT_TYPE });
      res.end(registry.render(om ? 'openmetrics' : 'prometheus'));
      return;
    }
    const start = process.hrtime.bigint();
    active.inc({}, 1);
    const route = compiled.find((r) => r.method === req.method && r.regex.test(path));
    try {
      if (route) await route.handler(req, res);
      else res.writeHead(404).end();
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    } finally {
      active.inc({}, -1);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const traceId = /^00-([0-9a-f]{32})-/.exec(String(req.headers.traceparent ?? ''))?.[1];
      duration.observe(
        { method: req.method ?? 'GET', route: route?.path ?? 'unmatched', status_code: String(res.statusCode) },
        seconds,
        traceId ? { trace_id: traceId } : undefined,
      );
    }
  });
}
