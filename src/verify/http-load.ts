import { percentile } from '../core/criteria.js';

export interface LoadFigures {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Mean requests per second over the run. */
  readonly rps: number;
  /** Socket errors and non-2xx responses. */
  readonly errors: number;
}

/**
 * GETs `paths` in turn with autocannon for `seconds` over `connections`. Percentiles come from every response's
 * latency, so p95 is exact rather than autocannon's nearest bucket. Used by the phase 2 verifier and the benches.
 */
export async function loadPaths(url: string, paths: readonly string[], options: { readonly connections: number; readonly seconds: number }): Promise<LoadFigures> {
  const { default: autocannon } = await import('autocannon');
  const latencies: number[] = [];
  let n = 0;
  const result = await new Promise<import('autocannon').Result>((resolve, reject) => {
    const settings = { url, connections: options.connections, duration: options.seconds, requests: [{ setupRequest: (req: object) => ({ ...req, path: paths[n++ % paths.length] }) }] };
    const instance = autocannon(settings as import('autocannon').Options, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    p50: Number(percentile(latencies, 50).toFixed(2)),
    p95: Number(percentile(latencies, 95).toFixed(2)),
    p99: Number(percentile(latencies, 99).toFixed(2)),
    rps: Math.round(result.requests.average),
    errors: result.errors + result.non2xx,
  };
}
