import { describe, it, expect } from 'vitest';
import { CircuitBreaker, CircuitOpenError, retry } from './kata.js';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
const fail = (msg = 'down') => async (): Promise<never> => {
  throw new Error(msg);
};
const succeed = async () => 'ok';

async function failTimes(breaker: CircuitBreaker, n: number) {
  for (let i = 0; i < n; i++) await breaker.call(fail()).catch(() => {});
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and opens after N consecutive failures', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1000, now: time.now });
    await failTimes(b, 2);
    expect(b.state).toBe('closed');
    await failTimes(b, 1);
    expect(b.state).toBe('open');
  });

  it('counts CONSECUTIVE failures: a success resets the count', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1000, now: time.now });
    await failTimes(b, 2);
    await b.call(succeed);
    await failTimes(b, 2);
    expect(b.state).toBe('closed');
  });

  it('passes results and errors through while closed', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1000, now: time.now });
    expect(await b.call(async () => 42)).toBe(42);
    await expect(b.call(fail('boom'))).rejects.toThrow('boom');
  });

  it('fails fast with CircuitOpenError while open, without calling fn', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1000, now: time.now });
    await failTimes(b, 1);
    let calls = 0;
    await expect(b.call(async () => void calls++)).rejects.toBeInstanceOf(CircuitOpenError);
    time.advance(999);
    await expect(b.call(async () => void calls++)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toBe(0);
  });

  it('becomes half-open after resetTimeoutMs; a successful trial closes it', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1000, now: time.now });
    await failTimes(b, 1);
    time.advance(1000);
    expect(b.state).toBe('half-open');
    expect(await b.call(succeed)).toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('after a successful trial the failure count starts from zero', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 2, resetTimeoutMs: 1000, now: time.now });
    await failTimes(b, 2);
    time.advance(1000);
    await b.call(succeed);
    await failTimes(b, 1);
    expect(b.state).toBe('closed');
  });

  it('a failed trial reopens the breaker with a fresh timer', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1000, now: time.now });
    await failTimes(b, 1); // opened at t=0
    time.advance(1500);
    await expect(b.call(fail('still down'))).rejects.toThrow('still down'); // reopened at t=1500
    expect(b.state).toBe('open');
    time.advance(999);
    expect(b.state).toBe('open');
    time.advance(1);
    expect(b.state).toBe('half-open');
  });

  it('half-open lets exactly one trial through; concurrent calls fail fast', async () => {
    const time = clock();
    const b = new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1000, now: time.now });
    await failTimes(b, 1);
    time.advance(1000);
    let release!: (v: string) => void;
    let calls = 0;
    const trial = b.call(
      () =>
        new Promise<string>((r) => {
          calls++;
          release = r;
        }),
    );
    const others = await Promise.allSettled([b.call(async () => (calls++, 'x')), b.call(async () => (calls++, 'y'))]);
    expect(others.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(others.every((o) => o.status === 'rejected' && o.reason instanceof CircuitOpenError)).toBe(true);
    expect(calls).toBe(1);
    release('recovered');
    expect(await trial).toBe('recovered');
    expect(b.state).toBe('closed');
  });
});

describe('retry', () => {
  function recorder() {
    const sleeps: number[] = [];
    return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
  }

  it('returns the first success and sleeps only between attempts', async () => {
    const r = recorder();
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new Error('blip');
        return 'ok';
      },
      { maxAttempts: 5, delayMs: (n) => 100 * 2 ** (n - 1), sleep: r.sleep },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(r.sleeps).toEqual([100, 200]);
  });

  it('makes exactly maxAttempts attempts, rethrows the last error and does not sleep after it', async () => {
    const r = recorder();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
        { maxAttempts: 3, delayMs: () => 10, sleep: r.sleep },
      ),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
    expect(r.sleeps).toEqual([10, 10]);
  });

  it('does not retry errors that isRetryable rejects (e.g. a 400)', async () => {
    const r = recorder();
    let calls = 0;
    const badRequest = Object.assign(new Error('bad request'), { status: 400 });
    await expect(
      retry(
        async () => {
          calls++;
          throw badRequest;
        },
        { maxAttempts: 5, delayMs: () => 10, sleep: r.sleep, isRetryable: (e) => (e as { status?: number }).status !== 400 },
      ),
    ).rejects.toBe(badRequest);
    expect(calls).toBe(1);
    expect(r.sleeps).toEqual([]);
  });

  it('composed with a breaker: a dead dependency is called failureThreshold times, not maxAttempts times', async () => {
    const time = clock();
    const r = recorder();
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 60_000, now: time.now });
    let calls = 0;
    const dead = async (): Promise<string> => {
      calls++;
      throw new Error('ECONNREFUSED');
    };
    await expect(retry(() => breaker.call(dead), { maxAttempts: 10, delayMs: () => 5, sleep: r.sleep })).rejects.toBeInstanceOf(
      CircuitOpenError,
    );
    expect(calls).toBe(3);
    expect(r.sleeps).toHaveLength(3);
  });
});
