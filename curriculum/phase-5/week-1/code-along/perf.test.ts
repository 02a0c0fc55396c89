import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedLoad, openLoad } from './load.js';
import { littlesLaw, simulate } from './queue-sim.js';
import { LatencyHistogram, percentile, summarize } from './stats.js';

describe('step 1: percentiles from raw samples', () => {
  it('uses the nearest-rank method on a numerically sorted copy', () => {
    const samples = [100, 9, 20, 3, 50, 7, 1, 8, 2, 10];
    expect(percentile(samples, 50)).toBe(8);
    expect(percentile(samples, 90)).toBe(50);
    expect(percentile(samples, 100)).toBe(100);
    expect(samples[0]).toBe(100); // the input is not mutated
  });

  it('shows why the mean hides the tail', () => {
    const samples = [...Array<number>(98).fill(10), 2000, 3000];
    const s = summarize(samples);
    expect(s.p50).toBe(10);
    expect(s.p95).toBe(10);
    expect(s.p99).toBe(2000);
    expect(s.mean).toBeCloseTo(59.8); // 6x the median, yet 98% of requests took 10 ms
  });
});

describe('step 2: a log-bucketed histogram', () => {
  it('reports percentiles within its relative error', () => {
    const h = new LatencyHistogram();
    const samples = Array.from({ length: 10_000 }, (_, i) => 1 + ((i * 7919) % 500));
    samples.forEach((v) => h.record(v));
    for (const p of [50, 95, 99]) {
      const exact = percentile(samples, p);
      expect(h.valueAtPercentile(p)).toBeGreaterThanOrEqual(exact);
      expect(h.valueAtPercentile(p)).toBeLessThanOrEqual(exact * h.growth);
    }
  });

  it('merges histograms from two hosts; averaging their p99s would be wrong', () => {
    const fast = new LatencyHistogram();
    const slow = new LatencyHistogram();
    for (let i = 0; i < 900; i++) fast.record(10);
    for (let i = 0; i < 100; i++) slow.record(1000);
    const averaged = (fast.valueAtPercentile(99) + slow.valueAtPercentile(99)) / 2;
    fast.merge(slow);
    expect(fast.count).toBe(1000);
    expect(fast.valueAtPercentile(99)).toBeGreaterThanOrEqual(1000); // 10% of all requests took 1 s
    expect(averaged).toBeLessThan(520);
  });
});

describe("step 3: Little's law and open vs closed models", () => {
  it('solves L = λW for the missing term', () => {
    expect(littlesLaw({ throughput: 2000, latencySeconds: 0.05 })).toBe(100); // in flight
    expect(littlesLaw({ concurrency: 50, latencySeconds: 0.1 })).toBe(500); // max req/s of 50 VUs
    expect(littlesLaw({ concurrency: 100, throughput: 2000 })).toBe(0.05);
  });

  // 10 ms per request, but the server stalls from t=1000 to t=2000 ms (a GC pause, a lock, a deploy).
  const service = (start: number) => (start >= 1000 && start < 2000 ? 2000 - start + 10 : 10);

  it('closed model: the stall shows up as ONE slow request (coordinated omission)', () => {
    const lat = simulate({ kind: 'closed', vus: 1 }, service, 5000);
    expect(lat.filter((l) => l > 100)).toHaveLength(1);
    expect(percentile(lat, 99)).toBe(10);
  });

  it('open model: every request that arrived during the stall waited', () => {
    const lat = simulate({ kind: 'open', ratePerSecond: 50 }, service, 5000);
    expect(lat).toHaveLength(250);
    expect(lat.filter((l) => l > 100).length).toBeGreaterThan(40);
    expect(percentile(lat, 99)).toBeGreaterThan(900);
  });
});

describe('step 4: a real load generator against node:http', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      setTimeout(() => res.end('ok'), 5);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('closed model: completes vus × iterations requests and records their latency', async () => {
    const r = await closedLoad(url, 4, 10);
    expect(r.requests).toBe(40);
    expect(r.errors).toBe(0);
    expect(r.histogram.valueAtPercentile(50)).toBeGreaterThanOrEqual(4);
    expect(r.throughput).toBeGreaterThan(0);
  });

  it('open model: sends rate × duration requests however slow the server is', async () => {
    const r = await openLoad(url, 200, 100);
    expect(r.requests).toBe(20);
    expect(r.errors).toBe(0);
  });
});
