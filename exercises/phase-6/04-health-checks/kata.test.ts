import { describe, it, expect } from 'vitest';
import { Health, type Check } from './kata.js';

const ok: Check = async () => undefined;
const failing =
  (message: string): Check =>
  async () => {
    throw new Error(message);
  };

describe('liveness', () => {
  it('is 200 even when a dependency is down, and never runs the checks', () => {
    let calls = 0;
    const health = new Health({
      checks: {
        db: async () => {
          calls++;
          throw new Error('connection refused');
        },
      },
      timeoutMs: 100,
    });
    expect(health.liveness()).toEqual({ status: 200, body: { status: 'ok' } });
    expect(calls).toBe(0);
  });

  it('stays 200 during shutdown (the process is alive, it is just draining)', () => {
    const health = new Health({ checks: { db: ok }, timeoutMs: 100 });
    health.startShutdown();
    expect(health.liveness().status).toBe(200);
  });
});

describe('readiness', () => {
  it('is 200 with every check listed when all pass', async () => {
    const health = new Health({ checks: { db: ok, redis: ok }, timeoutMs: 100 });
    expect(await health.readiness()).toEqual({ status: 200, body: { status: 'ok', checks: { db: 'ok', redis: 'ok' } } });
  });

  it('is 503 when one dependency fails, and still reports every check', async () => {
    const health = new Health({ checks: { db: ok, redis: failing('connection refused') }, timeoutMs: 100 });
    expect(await health.readiness()).toEqual({
      status: 503,
      body: { status: 'fail', checks: { db: 'ok', redis: 'connection refused' } },
    });
  });

  it('treats a check that throws synchronously as a failure, not an exception', async () => {
    const sync: Check = () => {
      throw new Error('boom');
    };
    const health = new Health({ checks: { sync, db: ok }, timeoutMs: 100 });
    const res = await health.readiness();
    expect(res.status).toBe(503);
    expect(res.body.checks).toEqual({ sync: 'boom', db: 'ok' });
  });

  it('runs checks in parallel (a check that needs the other one to have started still passes)', { timeout: 1000 }, async () => {
    let bStarted!: () => void;
    const bHasStarted = new Promise<void>((r) => (bStarted = r));
    const a: Check = () => bHasStarted; // only resolves once b has been started
    const b: Check = async () => bStarted();
    const health = new Health({ checks: { a, b }, timeoutMs: 200 });
    expect((await health.readiness()).status).toBe(200);
  });

  it('times out a hanging check, aborts its signal and answers promptly', { timeout: 1000 }, async () => {
    let seenSignal: AbortSignal | undefined;
    const hangs: Check = (signal) => {
      seenSignal = signal;
      return new Promise(() => {});
    };
    const health = new Health({ checks: { db: ok, slow: hangs }, timeoutMs: 30 });
    const started = performance.now();
    const res = await health.readiness();
    const elapsed = performance.now() - started;
    expect(res).toEqual({ status: 503, body: { status: 'fail', checks: { db: 'ok', slow: 'timed out after 30 ms' } } });
    expect(elapsed).toBeLessThan(500);
    expect(seenSignal?.aborted).toBe(true);
  });

  it('after startShutdown() it is 503 "shutting down" without running any check', async () => {
    let calls = 0;
    const counted: Check = async () => {
      calls++;
    };
    const health = new Health({ checks: { db: counted }, timeoutMs: 100 });
    expect((await health.readiness()).status).toBe(200);
    health.startShutdown();
    expect(await health.readiness()).toEqual({
      status: 503,
      body: { status: 'fail', reason: 'shutting down', checks: {} },
    });
    expect(calls).toBe(1);
  });
});
