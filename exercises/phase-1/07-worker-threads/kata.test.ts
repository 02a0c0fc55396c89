import { Worker } from 'node:worker_threads';
import { afterEach, describe, it, expect, vi } from 'vitest';
import { runInWorker } from './kata.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const countPrimesBelow = `(limit) => {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) count++;
  }
  return count;
}`;

const burnCpuFor = `(ms) => {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins++;
  return spins > 0;
}`;

describe('runInWorker', () => {
  it('returns the value computed by the function', async () => {
    await expect(runInWorker<number>(countPrimesBelow, 10_000)).resolves.toBe(1229);
  });

  it('returns a structured clone: Map and Date survive the trip', async () => {
    const result = await runInWorker<{ when: Date; tags: Map<string, number> }>(
      `(input) => ({ when: new Date(input.ts), tags: new Map([['a', input.n]]) })`,
      { ts: 0, n: 7 },
    );
    expect(result.when).toEqual(new Date(0));
    expect(result.tags).toEqual(new Map([['a', 7]]));
  });

  it('supports async functions', async () => {
    await expect(runInWorker<string>(`async (s) => s.toUpperCase()`, 'ok')).resolves.toBe('OK');
  });

  it('keeps the main event loop responsive while the worker burns CPU', async () => {
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    try {
      await runInWorker<boolean>(burnCpuFor, 150);
    } finally {
      clearInterval(interval);
    }
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('rejects with the error thrown inside the worker (instead of hanging)', async () => {
    await expect(runInWorker(`() => { throw new RangeError('limit must be positive'); }`, null)).rejects.toThrow(
      'limit must be positive',
    );
  }, 3000);

  it('rejects when the async function rejects', async () => {
    await expect(runInWorker(`async () => { throw new Error('remote said no'); }`, null)).rejects.toThrow(
      'remote said no',
    );
  }, 3000);

  it('rejects when the worker exits before sending a result', async () => {
    await expect(runInWorker(`() => process.exit(3)`, null)).rejects.toThrow(/exit code 3/);
  }, 3000);

  it('on abort: rejects with signal.reason and terminates the worker', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const controller = new AbortController();
    const pending = runInWorker(burnCpuFor, 2_000, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('request cancelled')), 50);
    const start = performance.now();
    await expect(pending).rejects.toThrow('request cancelled');
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(terminate).toHaveBeenCalledTimes(1);
  }, 4000);

  it('rejects at once when the signal is already aborted', async () => {
    await expect(runInWorker(`() => 1`, null, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  }, 3000);
});
