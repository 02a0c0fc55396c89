import { describe, it, expect } from 'vitest';
import { errorBudget, burnRate, budgetConsumed, budgetRemaining, evaluateAlerts, type Counts, type WindowName } from './kata.js';

const SLO = 0.999;
/** Counts with a given burn rate for a 99.9 % SLO: error ratio = rate * 0.001. */
const burning = (rate: number, total = 1_000_000): Counts => ({ total, bad: Math.round(rate * 0.001 * total) });
const healthy: Counts = { total: 1_000_000, bad: 0 };
function windows(overrides: Partial<Record<WindowName, Counts>>): Record<WindowName, Counts> {
  return { '5m': healthy, '30m': healthy, '1h': healthy, '6h': healthy, '3d': healthy, ...overrides };
}

describe('error budget arithmetic', () => {
  it('99.9 % over 30 days allows 0.1 % bad requests, or 43.2 minutes', () => {
    const b = errorBudget(0.999, 30);
    expect(b.allowedBadRatio).toBeCloseTo(0.001, 12);
    expect(b.budgetMinutes).toBeCloseTo(43.2, 6);
    expect(errorBudget(0.99, 28).budgetMinutes).toBeCloseTo(403.2, 6);
  });

  it('burn rate is the error ratio divided by the budget', () => {
    expect(burnRate({ total: 10_000, bad: 144 }, SLO)).toBeCloseTo(14.4, 9);
    expect(burnRate({ total: 10_000, bad: 10 }, SLO)).toBeCloseTo(1, 9);
    expect(burnRate({ total: 2_000, bad: 10 }, 0.99)).toBeCloseTo(0.5, 9);
  });

  it('a window without traffic burns nothing (0, not NaN)', () => {
    expect(burnRate({ total: 0, bad: 0 }, SLO)).toBe(0);
    expect(budgetRemaining({ total: 0, bad: 0 }, SLO)).toBe(1);
  });

  it('explains the table: 14.4 for 1h, 6 for 6h and 1 for 3d consume 2 %, 5 % and 10 % of 30 days', () => {
    expect(budgetConsumed(14.4, 1, 30)).toBeCloseTo(0.02, 12);
    expect(budgetConsumed(6, 6, 30)).toBeCloseTo(0.05, 12);
    expect(budgetConsumed(1, 72, 30)).toBeCloseTo(0.1, 12);
  });

  it('budget remaining goes from 1 (untouched) through 0 (exhausted) to negative (overspent)', () => {
    expect(budgetRemaining({ total: 1_000_000, bad: 250 }, SLO)).toBeCloseTo(0.75, 9);
    expect(budgetRemaining({ total: 1_000_000, bad: 1_000 }, SLO)).toBeCloseTo(0, 9);
    expect(budgetRemaining({ total: 1_000_000, bad: 1_500 }, SLO)).toBeCloseTo(-0.5, 9);
  });
});

describe('evaluateAlerts (multiwindow, multi-burn-rate)', () => {
  it('is quiet when everything is healthy', () => {
    expect(evaluateAlerts(windows({}), SLO)).toEqual({ severity: 'none' });
  });

  it('pages on a fast burn in both the 1h and the 5m window', () => {
    expect(evaluateAlerts(windows({ '1h': burning(20), '5m': burning(20) }), SLO)).toEqual({ severity: 'page', rule: '1h/5m' });
  });

  it('stops paging once the problem is fixed, although the 1h window is still high', () => {
    expect(evaluateAlerts(windows({ '1h': burning(20), '5m': burning(0) }), SLO)).toEqual({ severity: 'none' });
  });

  it('does not page for a short blip that barely moves the long window', () => {
    expect(evaluateAlerts(windows({ '1h': burning(2), '5m': burning(30) }), SLO)).toEqual({ severity: 'none' });
  });

  it('pages on a medium burn over 6h and 30m', () => {
    expect(evaluateAlerts(windows({ '6h': burning(8), '30m': burning(8), '1h': burning(8), '5m': burning(8) }), SLO)).toEqual({
      severity: 'page',
      rule: '6h/30m',
    });
  });

  it('opens a ticket for a slow burn over 3d and 6h', () => {
    expect(evaluateAlerts(windows({ '3d': burning(1.5), '6h': burning(1.5) }), SLO)).toEqual({
      severity: 'ticket',
      rule: '3d/6h',
    });
  });

  it('a page outranks a ticket when both fire', () => {
    const all = burning(20);
    expect(evaluateAlerts(windows({ '5m': all, '30m': all, '1h': all, '6h': all, '3d': all }), SLO)).toEqual({
      severity: 'page',
      rule: '1h/5m',
    });
  });

  it('uses the SLO passed in (99 % tolerates 10× more errors than 99.9 %)', () => {
    const w = windows({ '1h': burning(20), '5m': burning(20) }); // 2 % errors
    expect(evaluateAlerts(w, 0.99)).toEqual({ severity: 'none' });
  });

  it('ignores windows without traffic instead of producing NaN alerts', () => {
    const empty = { total: 0, bad: 0 };
    expect(evaluateAlerts(windows({ '5m': empty, '1h': burning(20) }), SLO)).toEqual({ severity: 'none' });
  });
});
