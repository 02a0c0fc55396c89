/**
 * The load generator, in a process of its own so that figures measure the target and not the verifier's event
 * loop: GETs the given paths in turn with autocannon and prints one JSON line with exact percentiles (from every
 * response's latency, not autocannon's buckets), the mean rate and the errors.
 * Usage: load-child '{"url":…,"paths":[…],"connections":10,"seconds":5}'
 */
import autocannon from 'autocannon';
import { percentile } from '../../core/criteria.js';

interface Config {
  readonly url: string;
  readonly paths: readonly string[];
  readonly connections: number;
  readonly seconds: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const latencies: number[] = [];
let n = 0;
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: config.url,
      connections: config.connections,
      duration: config.seconds,
      requests: [{ setupRequest: (req) => ({ ...req, path: config.paths[n++ % config.paths.length]! }) }],
    },
    (error, r) => (error ? reject(error) : resolve(r)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
});
const round = (v: number): number => Number(v.toFixed(2));
process.stdout.write(
  JSON.stringify({
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    rps: Math.round(result.requests.average),
    requests: latencies.length,
    errors: result.errors + result.non2xx + result.timeouts,
  }) + '\n',
);
