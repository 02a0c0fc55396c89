import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decide, routeToCanary, type CanaryPolicy } from './kata.js';

const policy: CanaryPolicy = { steps: [5, 25, 50, 100], minRequests: 200, maxErrorRate: 0.05, maxErrorRateIncrease: 0.01 };
const healthyStable = { requests: 10_000, errors: 50 }; // 0.5 %

describe('decide', () => {
  it('advances to the next step when the canary is healthy', () => {
    expect(decide(5, { canary: { requests: 400, errors: 2 }, stable: healthyStable }, policy)).toEqual({
      action: 'advance',
      weight: 25,
    });
    expect(decide(50, { canary: { requests: 400, errors: 2 }, stable: healthyStable }, policy)).toEqual({
      action: 'advance',
      weight: 100,
    });
  });

  it('promotes at the last step', () => {
    expect(decide(100, { canary: { requests: 5000, errors: 20 }, stable: { requests: 0, errors: 0 } }, policy)).toEqual({
      action: 'promote',
      weight: 100,
    });
  });

  it('compares error RATES, not counts (50/500 is worse than 100/10000)', () => {
    const d = decide(5, { canary: { requests: 500, errors: 50 }, stable: { requests: 10_000, errors: 100 } }, policy);
    expect(d.action).toBe('rollback');
  });

  it('holds when the canary has too few requests to judge', () => {
    expect(decide(5, { canary: { requests: 3, errors: 1 }, stable: healthyStable }, policy)).toMatchObject({
      action: 'hold',
      weight: 5,
    });
    expect(decide(25, { canary: { requests: 199, errors: 0 }, stable: healthyStable }, policy)).toMatchObject({
      action: 'hold',
      weight: 25,
    });
  });

  it('rolls back early once errors exceed maxErrorRate × minRequests, even with little data', () => {
    // 11 errors > 0.05 * 200 = 10: the rate at 200 requests can no longer be <= 5 %
    expect(decide(5, { canary: { requests: 20, errors: 11 }, stable: healthyStable }, policy)).toMatchObject({
      action: 'rollback',
      weight: 0,
    });
    expect(decide(5, { canary: { requests: 20, errors: 10 }, stable: healthyStable }, policy).action).toBe('hold');
  });

  it('rolls back above the absolute ceiling even if stable is just as bad', () => {
    const badStable = { requests: 10_000, errors: 1_000 }; // 10 %
    expect(decide(25, { canary: { requests: 1000, errors: 80 }, stable: badStable }, policy).action).toBe('rollback');
  });

  it('rolls back when the canary is clearly worse than the baseline, though under the ceiling', () => {
    // canary 3 %, stable 0.5 %: +2.5 points > 1 point allowed
    expect(decide(25, { canary: { requests: 1000, errors: 30 }, stable: healthyStable }, policy).action).toBe('rollback');
    // canary 1 %, stable 0.5 %: +0.5 points is fine
    expect(decide(25, { canary: { requests: 1000, errors: 10 }, stable: healthyStable }, policy).action).toBe('advance');
  });

  it('a rate exactly at the ceiling passes', () => {
    const p = { ...policy, maxErrorRateIncrease: 1 };
    expect(decide(5, { canary: { requests: 200, errors: 10 }, stable: healthyStable }, p).action).toBe('advance');
  });

  it('handles a stable version with no traffic (baseline 0, no NaN)', () => {
    expect(decide(5, { canary: { requests: 300, errors: 0 }, stable: { requests: 0, errors: 0 } }, policy).action).toBe(
      'advance',
    );
    expect(decide(5, { canary: { requests: 300, errors: 6 }, stable: { requests: 0, errors: 0 } }, policy).action).toBe(
      'rollback',
    );
  });

  it('supports blue-green as a single 100 % step', () => {
    const blueGreen = { ...policy, steps: [100] };
    expect(decide(100, { canary: { requests: 300, errors: 0 }, stable: healthyStable }, blueGreen).action).toBe('promote');
    expect(decide(100, { canary: { requests: 300, errors: 60 }, stable: healthyStable }, blueGreen).action).toBe('rollback');
  });

  it('throws RangeError for a weight that is not a step', () => {
    expect(() => decide(10, { canary: { requests: 300, errors: 0 }, stable: healthyStable }, policy)).toThrow(RangeError);
  });
});

describe('routeToCanary', () => {
  const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

  it('is sticky: the same user gets the same answer every time', () => {
    for (const u of users.slice(0, 200)) {
      const first = routeToCanary(u, 25);
      for (let i = 0; i < 5; i++) expect(routeToCanary(u, 25)).toBe(first);
    }
  });

  it('sends nobody at weight 0 and everybody at weight 100', () => {
    expect(users.some((u) => routeToCanary(u, 0))).toBe(false);
    expect(users.every((u) => routeToCanary(u, 100))).toBe(true);
  });

  it('sends roughly the weight\'s share of users to the canary', () => {
    const share = users.filter((u) => routeToCanary(u, 25)).length / users.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
  });

  it('never moves a user back to stable when the weight goes up (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (user, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return !routeToCanary(user, low) || routeToCanary(user, high);
      }),
    );
  });
});
