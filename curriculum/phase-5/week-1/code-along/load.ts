// Step 4: a tiny real load generator. k6 does this properly; this shows what it measures.
import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from './stats.js';

export interface LoadResult {
  histogram: LatencyHistogram;
  requests: number;
  errors: number;
  elapsedMs: number;
  throughput: number; // completed requests per second
}

async function timedGet(url: string, intendedStart: number, result: LoadResult): Promise<void> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer(); // read the body: a response is not done until its last byte
    if (!res.ok) result.errors++;
  } catch {
    result.errors++;
  }
  // Measure from the intended start, not the actual send: avoids hiding queueing (coordinated omission).
  result.histogram.record(performance.now() - intendedStart);
  result.requests++;
}

function newResult(): LoadResult {
  return { histogram: new LatencyHistogram(), requests: 0, errors: 0, elapsedMs: 0, throughput: 0 };
}

function finish(result: LoadResult, t0: number): LoadResult {
  result.elapsedMs = performance.now() - t0;
  result.throughput = (result.requests / result.elapsedMs) * 1000;
  return result;
}

/** Closed model: `vus` loops, each sending `iterations` requests back to back. */
export async function closedLoad(url: string, vus: number, iterations: number): Promise<LoadResult> {
  const result = newResult();
  const t0 = performance.now();
  const vu = async () => {
    for (let i = 0; i < iterations; i++) await timedGet(url, performance.now(), result);
  };
  await Promise.all(Array.from({ length: vus }, vu));
  return finish(result, t0);
}

/** Open model: start a request every 1000/rate ms for `durationMs`, whatever the server does. */
export async function openLoad(url: string, ratePerSecond: number, durationMs: number): Promise<LoadResult> {
  const result = newResult();
  const t0 = performance.now();
  const total = Math.floor((ratePerSecond * durationMs) / 1000);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const intended = t0 + (i * 1000) / ratePerSecond;
    const wait = intended - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(timedGet(url, intended, result));
  }
  await Promise.all(inFlight);
  return finish(result, t0);
}
