// Step 3: Little's law and a simulated single-server queue, to compare open and closed load models.

/** Little's law L = λ·W. Give two of the three and get the third (λ in req/s, W in seconds). */
export function littlesLaw(q: { concurrency?: number; throughput?: number; latencySeconds?: number }): number {
  const { concurrency: L, throughput: lambda, latencySeconds: W } = q;
  if (lambda !== undefined && W !== undefined) return lambda * W; // in-flight requests
  if (L !== undefined && W !== undefined) return L / W; // max throughput of L workers
  if (L !== undefined && lambda !== undefined) return L / lambda; // average time in system
  throw new Error('give exactly two of concurrency, throughput, latencySeconds');
}

/** Service time of a request that starts at `startMs` (lets tests inject a stall, e.g. a GC pause). */
export type ServiceTime = (startMs: number) => number;

export type LoadModel =
  | { kind: 'open'; ratePerSecond: number } // arrivals follow a schedule (k6 constant-arrival-rate)
  | { kind: 'closed'; vus: number }; // each VU waits for its response first (k6 constant-vus)

/** Simulate a single FIFO server for `durationMs`; returns each request's latency (ms). */
export function simulate(model: LoadModel, service: ServiceTime, durationMs: number): number[] {
  const latencies: number[] = [];
  let freeAt = 0; // when the server finishes its current work
  const serve = (arrival: number): number => {
    const start = Math.max(arrival, freeAt); // wait in the queue if the server is busy
    freeAt = start + service(start);
    latencies.push(freeAt - arrival); // measured from arrival: queueing time counts
    return freeAt;
  };

  if (model.kind === 'open') {
    const interval = 1000 / model.ratePerSecond;
    for (let t = 0; t < durationMs; t += interval) serve(t);
    return latencies;
  }
  // Closed model: a VU sends its next request only when the previous response arrived.
  const readyAt = new Array<number>(model.vus).fill(0);
  for (;;) {
    const vu = readyAt.indexOf(Math.min(...readyAt));
    if (readyAt[vu]! >= durationMs) return latencies;
    readyAt[vu] = serve(readyAt[vu]!);
  }
}
