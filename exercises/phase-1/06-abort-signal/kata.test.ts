import { getEventListeners } from 'node:events';
import { describe, it, expect } from 'vitest';
import { sleep, fetchWithTimeout } from './kata.js';

const activeTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/** A fetch look-alike: answers after `delayMs` and honours its signal the way fetch does. */
function fakeFetch<T>(delayMs: number, value: T) {
  const calls: string[] = [];
  const fetchLike = (url: string, init: { signal: AbortSignal }): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      calls.push(url);
      const { signal } = init;
      if (signal.aborted) return reject(signal.reason);
      const timer = setTimeout(() => resolve(value), delayMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  return { fetchLike, calls };
}

describe('sleep', () => {
  it('resolves after the given time', async () => {
    const start = performance.now();
    await sleep(30);
    expect(performance.now() - start).toBeGreaterThanOrEqual(25);
  });

  it('rejects with signal.reason when the signal aborts first', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const before = activeTimers();
    const pending = sleep(10_000, AbortSignal.abort());
    expect(activeTimers()).toBe(before); // no timer started
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('clears its timer when aborted (no leaked timer keeping the process alive)', async () => {
    const before = activeTimers();
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    await pending.catch(() => {});
    expect(activeTimers()).toBe(before);
  });

  it('removes its abort listener after a normal end (long-lived signals must not pile up listeners)', async () => {
    const shutdown = new AbortController();
    for (let i = 0; i < 3; i++) await sleep(1, shutdown.signal);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});

describe('fetchWithTimeout', () => {
  it('returns the result when the call is fast enough', async () => {
    const { fetchLike } = fakeFetch(5, { status: 200 });
    await expect(fetchWithTimeout(fetchLike, '/fast', { timeoutMs: 500 })).resolves.toEqual({ status: 200 });
  });

  it('rejects with a TimeoutError when the call takes longer than timeoutMs', async () => {
    const { fetchLike } = fakeFetch(5_000, 'late');
    const start = performance.now();
    await expect(fetchWithTimeout(fetchLike, '/slow', { timeoutMs: 30 })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("rejects with the caller's reason when the caller cancels, not with a TimeoutError", async () => {
    const { fetchLike } = fakeFetch(5_000, 'late');
    const controller = new AbortController();
    const pending = fetchWithTimeout(fetchLike, '/slow', { timeoutMs: 2_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('client went away')), 10);
    await expect(pending).rejects.toThrow('client went away');
  });

  it('does not call fetchLike when the caller signal is already aborted', async () => {
    const { fetchLike, calls } = fakeFetch(5, 'never');
    await expect(
      fetchWithTimeout(fetchLike, '/x', { timeoutMs: 500, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([]);
  });
});
