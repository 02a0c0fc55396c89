// Step 4: blue-green behind one stable entry point. Argo Rollouts does this by re-pointing the
// active Service's selector; here a tiny proxy plays the Service.
import { Agent, createServer, request, type Server } from 'node:http';
import { assess, type MetricSpec } from './analysis.js';

export function createRouter(initialUpstream: string) {
  let active = initialUpstream;
  const agent = new Agent({ keepAlive: true });
  const server: Server = createServer((req, res) => {
    // Read `active` once per request: a request in flight stays on the version it started on.
    const target = new URL(req.url ?? '/', active);
    const up = request(target, { method: req.method, headers: req.headers, agent }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  return {
    server,
    active: () => active,
    switchTo: (upstream: string) => void (active = upstream), // atomic: one assignment
    close: () => agent.destroy(),
  };
}

/** Error ratio of `n` requests sent straight to `base` (what the preview Service is for). */
export async function errorRatio(base: string, n: number): Promise<number> {
  const results = await Promise.all(
    Array.from({ length: n }, () =>
      fetch(base).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status >= 500;
        },
        () => true, // a refused connection counts as an error too
      ),
    ),
  );
  return results.filter(Boolean).length / n;
}

/** Pre-promotion analysis on green; promote only if it passes, otherwise blue keeps serving. */
export async function promoteIfHealthy(
  router: ReturnType<typeof createRouter>,
  green: string,
  opts: { requestsPerMeasurement: number; maxErrorRatio: number; count: number },
): Promise<'promoted' | 'aborted'> {
  const spec: MetricSpec = { successCondition: (v) => v < opts.maxErrorRatio, count: opts.count };
  const measurements: number[] = [];
  while (assess(measurements, spec) === 'Running') measurements.push(await errorRatio(green, opts.requestsPerMeasurement));
  if (assess(measurements, spec) !== 'Successful') return 'aborted';
  router.switchTo(green);
  return 'promoted';
}
