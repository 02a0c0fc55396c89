import { describe, it, expect } from 'vitest';
import { mapInChunks } from './kata.js';

/** Burns CPU for `ms` milliseconds, like a real per-item computation would. */
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe('mapInChunks', () => {
  it('maps every item in order and passes the index', async () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    await expect(mapInChunks(items, (x, i) => `${i}:${x * 2}`, { chunkSize: 4 })).resolves.toEqual(
      items.map((x, i) => `${i}:${x * 2}`),
    );
  });

  it('resolves an empty array to [] without calling fn', async () => {
    let calls = 0;
    await expect(mapInChunks([], () => calls++)).resolves.toEqual([]);
    expect(calls).toBe(0);
  });

  it('lets a pending setImmediate run after the first chunk, not at the end', async () => {
    let immediateRan = false;
    setImmediate(() => {
      immediateRan = true;
    });
    const seen = await mapInChunks(Array.from({ length: 30 }), () => immediateRan, { chunkSize: 10 });
    expect(seen.slice(0, 10)).toEqual(Array(10).fill(false)); // first chunk runs synchronously
    expect(seen[10]).toBe(true); // ...then the event loop got a turn
  });

  it('does not starve timers: a due setTimeout fires before the work finishes', async () => {
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    // 40 items × 0.1 ms in chunks of 10: about 4 ms of CPU work in total
    const seen = await mapInChunks(
      Array.from({ length: 40 }),
      () => {
        busyWait(0.1);
        return timerFired;
      },
      { chunkSize: 10 },
    );
    expect(seen.at(-1)).toBe(true);
  });

  it('yields with setImmediate, not a 1 ms timer: 300 chunks take well under 150 ms', async () => {
    const start = performance.now();
    await mapInChunks(Array.from({ length: 300 }, (_, i) => i), (x) => x, { chunkSize: 1 });
    expect(performance.now() - start).toBeLessThan(150);
  });

  it('rejects with the error thrown by fn and stops processing', async () => {
    const processed: number[] = [];
    const boom = new Error('bad item 5');
    const run = mapInChunks(
      Array.from({ length: 20 }, (_, i) => i),
      (x) => {
        if (x === 5) throw boom;
        processed.push(x);
        return x;
      },
      { chunkSize: 3 },
    );
    await expect(run).rejects.toBe(boom);
    await new Promise((r) => setTimeout(r, 10));
    expect(processed).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([0, -1, 1.5, Number.NaN])('throws RangeError for chunkSize %s', async (chunkSize) => {
    await expect(mapInChunks([1, 2, 3], (x) => x, { chunkSize })).rejects.toBeInstanceOf(RangeError);
  });
});
