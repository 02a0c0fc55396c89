import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, RetryQueue } from './kata.js';

const backoff = { baseMs: 100, maxMs: 1000 };
const half = () => 0.5;
const almostOne = () => 0.999999;

describe('backoffDelay (full jitter)', () => {
  it('doubles per attempt starting at baseMs (random just under 1 gives ~the cap)', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, backoff, almostOne))).toEqual([99, 199, 399, 799]);
  });

  it('is capped at maxMs', () => {
    expect(backoffDelay(5, backoff, almostOne)).toBe(999);
    expect(backoffDelay(30, backoff, almostOne)).toBe(999);
  });

  it('applies the jitter after the cap: random 0.5 gives half the capped value', () => {
    expect(backoffDelay(1, backoff, half)).toBe(50);
    expect(backoffDelay(10, backoff, half)).toBe(500);
  });

  it('never returns NaN or Infinity, even for huge attempt numbers', () => {
    expect(backoffDelay(2000, backoff, () => 0)).toBe(0);
    expect(backoffDelay(2000, backoff, half)).toBe(500);
  });

  it('always stays within [0, maxMs] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const d = backoffDelay(attempt, backoff, () => r);
          return Number.isInteger(d) && d >= 0 && d <= backoff.maxMs;
        },
      ),
    );
  });
});

function setup(handler: (payload: string, attempt: number) => Promise<void>, maxAttempts = 3) {
  let t = 0;
  const queue = new RetryQueue<string>({ handler, maxAttempts, backoff, now: () => t, random: half });
  return { queue, at: (ms: number) => void (t = ms) };
}

describe('RetryQueue', () => {
  it('runs a due job once and marks it completed', async () => {
    const calls: Array<[string, number]> = [];
    const { queue } = setup(async (p, attempt) => void calls.push([p, attempt]));
    queue.add('a', 'hello');
    expect(await queue.runDue()).toBe(1);
    expect(calls).toEqual([['hello', 1]]);
    expect(queue.completed()).toEqual(['a']);
    expect(queue.pending()).toEqual([]);
  });

  it('reschedules a failure with backoff and does not retry before the delay has passed', async () => {
    const attempts: number[] = [];
    const { queue, at } = setup(async (_p, attempt) => {
      attempts.push(attempt);
      if (attempt === 1) throw new Error('flaky');
    });
    queue.add('a', 'x');
    await queue.runDue(); // t=0: fails, delay = floor(0.5 * 100) = 50
    expect(queue.pending()).toEqual([{ id: 'a', attempts: 1, runAt: 50, lastError: 'flaky' }]);
    at(49);
    expect(await queue.runDue()).toBe(0);
    at(50);
    expect(await queue.runDue()).toBe(1);
    expect(attempts).toEqual([1, 2]);
    expect(queue.completed()).toEqual(['a']);
  });

  it('calls the handler exactly maxAttempts times, then moves the job to failed() with the last error', async () => {
    let calls = 0;
    const { queue, at } = setup(async (_p, attempt) => {
      calls++;
      throw new Error(`fail #${attempt}`);
    }, 3);
    queue.add('a', 'x');
    await queue.runDue(); // t=0   → retry at 50
    at(50);
    await queue.runDue(); // t=50  → delay floor(0.5 * 200) = 100 → retry at 150
    expect(queue.pending()[0]?.runAt).toBe(150);
    at(150);
    await queue.runDue(); // third and last attempt
    at(10_000);
    await queue.runDue();
    expect(calls).toBe(3);
    expect(queue.pending()).toEqual([]);
    expect(queue.failed()).toEqual([{ id: 'a', attempts: 3, runAt: 150, lastError: 'fail #3' }]);
  });

  it('one failing job does not stop the others in the same run', async () => {
    const { queue } = setup(async (p) => {
      if (p === 'bad') throw new Error('nope');
    });
    queue.add('1', 'bad');
    queue.add('2', 'good');
    queue.add('3', 'good');
    expect(await queue.runDue()).toBe(3);
    expect(queue.completed()).toEqual(['2', '3']);
    expect(queue.pending().map((j) => j.id)).toEqual(['1']);
  });

  it('a job rescheduled with a 0 ms delay is not re-run inside the same runDue call', async () => {
    let calls = 0;
    let t = 0;
    const queue = new RetryQueue<string>({
      handler: async () => {
        calls++;
        throw new Error('always');
      },
      maxAttempts: 100,
      backoff,
      now: () => t,
      random: () => 0, // jitter can legitimately produce a 0 ms delay
    });
    queue.add('a', 'x');
    expect(await queue.runDue()).toBe(1);
    expect(calls).toBe(1);
    expect(await queue.runDue()).toBe(1);
    expect(calls).toBe(2);
  });

  it('runs due jobs oldest runAt first', async () => {
    const order: string[] = [];
    let t = 0;
    const queue = new RetryQueue<string>({
      handler: async (p) => void order.push(p),
      maxAttempts: 1,
      backoff,
      now: () => t,
      random: half,
    });
    t = 30;
    queue.add('late', 'late');
    t = 10;
    queue.add('early', 'early');
    t = 20;
    queue.add('middle', 'middle');
    t = 100;
    await queue.runDue();
    expect(order).toEqual(['early', 'middle', 'late']);
  });

  it('ignores add() for an id that is still pending, and records non-Error throws as strings', async () => {
    let calls = 0;
    const { queue } = setup(async () => {
      calls++;
      throw 'plain string';
    }, 1);
    queue.add('a', 'x');
    queue.add('a', 'x');
    await queue.runDue();
    expect(calls).toBe(1);
    expect(queue.failed()[0]?.lastError).toBe('plain string');
  });
});
