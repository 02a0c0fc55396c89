// Step 1 and 2: error budgets and multiwindow, multi-burn-rate alerts (Google SRE workbook, ch. 5).

/** 99.9% over 30 days: 0.1% of requests may fail, the equivalent of 43.2 minutes of full outage. */
export function errorBudget(slo: number, windowDays = 30) {
  if (!(slo > 0 && slo < 1)) throw new RangeError('slo is a ratio such as 0.999');
  const ratio = 1 - slo;
  return { ratio, minutes: ratio * windowDays * 24 * 60 };
}

/** Share of the budget still unspent: 1 = untouched, 0 = spent, negative = SLO missed. */
export function budgetRemaining(slo: number, good: number, total: number): number {
  if (total === 0) return 1;
  return 1 - (total - good) / total / (1 - slo);
}

/** How many times faster than "exactly on budget" errors are arriving. */
export const burnRate = (errorRatio: number, slo: number) => errorRatio / (1 - slo);

/** Fraction of the whole window's budget spent by burning at `rate` for `hours`. */
export const budgetSpent = (rate: number, hours: number, windowDays = 30) => (rate * hours) / (windowDays * 24);

export type Window = '5m' | '30m' | '1h' | '6h' | '3d';

export interface BurnRule {
  severity: 'page' | 'ticket';
  long: Window;
  short: Window; // 1/12 of the long window: makes the alert reset soon after the problem stops
  burnRate: number;
}

// The workbook's recommended starting point for a 30-day SLO.
export const RULES: readonly BurnRule[] = [
  { severity: 'page', long: '1h', short: '5m', burnRate: 14.4 }, // 2% of the budget in 1 hour
  { severity: 'page', long: '6h', short: '30m', burnRate: 6 }, // 5% in 6 hours
  { severity: 'ticket', long: '3d', short: '6h', burnRate: 1 }, // 10% in 3 days
];

/** An alert fires only if BOTH windows burn faster than the rule's rate. */
export function firingAlerts(errorRatios: Partial<Record<Window, number>>, slo: number): BurnRule[] {
  return RULES.filter(
    (r) => burnRate(errorRatios[r.long] ?? 0, slo) >= r.burnRate && burnRate(errorRatios[r.short] ?? 0, slo) >= r.burnRate,
  );
}

/** The same rule as a Prometheus alert expression over the histogram from phase 5. */
export function promqlFor(rule: BurnRule, slo: number, metric = 'http_server_request_duration_seconds_count'): string {
  const ratio = (w: Window) =>
    `(sum(rate(${metric}{status_code=~"5.."}[${w}])) / sum(rate(${metric}[${w}])))`;
  const threshold = +(rule.burnRate * (1 - slo)).toPrecision(6);
  return `${ratio(rule.long)} > ${threshold} and ${ratio(rule.short)} > ${threshold}`;
}
