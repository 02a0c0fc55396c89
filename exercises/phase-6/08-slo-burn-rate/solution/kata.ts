export interface Counts {
  total: number;
  bad: number;
}

export type WindowName = '5m' | '30m' | '1h' | '6h' | '3d';

export interface AlertResult {
  severity: 'page' | 'ticket' | 'none';
  rule?: '1h/5m' | '6h/30m' | '3d/6h';
}

export function errorBudget(slo: number, periodDays: number): { allowedBadRatio: number; budgetMinutes: number } {
  const allowedBadRatio = 1 - slo;
  return { allowedBadRatio, budgetMinutes: allowedBadRatio * periodDays * 24 * 60 };
}

export function burnRate(window: Counts, slo: number): number {
  if (window.total === 0) return 0; // no traffic burns nothing (and avoids 0/0 = NaN)
  return window.bad / window.total / (1 - slo);
}

/** Fraction of the whole period's budget consumed by burning at `rate` for `windowHours`. */
export function budgetConsumed(rate: number, windowHours: number, periodDays: number): number {
  return (rate * windowHours) / (periodDays * 24);
}

/** 1 = untouched, 0 = exhausted, negative = overspent. */
export function budgetRemaining(period: Counts, slo: number): number {
  if (period.total === 0) return 1;
  const allowedBad = (1 - slo) * period.total;
  return 1 - period.bad / allowedBad;
}

// SRE workbook, "multiwindow, multi-burn-rate alerts" for a 30-day SLO. Order matters: pages first.
const RULES = [
  { long: '1h', short: '5m', threshold: 14.4, severity: 'page', rule: '1h/5m' },
  { long: '6h', short: '30m', threshold: 6, severity: 'page', rule: '6h/30m' },
  { long: '3d', short: '6h', threshold: 1, severity: 'ticket', rule: '3d/6h' },
] as const;

export function evaluateAlerts(windows: Record<WindowName, Counts>, slo: number): AlertResult {
  for (const r of RULES) {
    // Long window: is this significant? Short window: is it still happening right now?
    if (burnRate(windows[r.long], slo) > r.threshold && burnRate(windows[r.short], slo) > r.threshold) {
      return { severity: r.severity, rule: r.rule };
    }
  }
  return { severity: 'none' };
}
