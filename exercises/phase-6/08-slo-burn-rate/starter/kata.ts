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
  throw new Error(`TODO: errorBudget(${slo}, ${periodDays})`);
}

export function burnRate(window: Counts, slo: number): number {
  throw new Error(`TODO: burnRate(${window.bad}/${window.total}, ${slo})`);
}

export function budgetConsumed(rate: number, windowHours: number, periodDays: number): number {
  throw new Error(`TODO: budgetConsumed(${rate}, ${windowHours}, ${periodDays})`);
}

export function budgetRemaining(period: Counts, slo: number): number {
  throw new Error(`TODO: budgetRemaining(${period.bad}/${period.total}, ${slo})`);
}

export function evaluateAlerts(windows: Record<WindowName, Counts>, slo: number): AlertResult {
  // Naive: only looks at the long window.
  return burnRate(windows['1h'], slo) > 14.4 ? { severity: 'page', rule: '1h/5m' } : { severity: 'none' };
}
