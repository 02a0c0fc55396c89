export interface CanaryPolicy {
  /** Canary weights in percent, ascending; the last one is 100. */
  steps: number[];
  minRequests: number;
  maxErrorRate: number;
  maxErrorRateIncrease: number;
}

export interface Counts {
  requests: number;
  errors: number;
}

export interface StepMetrics {
  canary: Counts;
  stable: Counts;
}

export type Decision =
  | { action: 'hold'; weight: number; reason: string }
  | { action: 'advance'; weight: number }
  | { action: 'promote'; weight: 100 }
  | { action: 'rollback'; weight: 0; reason: string };

export function decide(currentWeight: number, metrics: StepMetrics, policy: CanaryPolicy): Decision {
  // Naive: compares error COUNTS and ignores how much data there is.
  if (metrics.canary.errors > metrics.stable.errors) return { action: 'rollback', weight: 0, reason: 'more errors' };
  const next = policy.steps[policy.steps.indexOf(currentWeight) + 1];
  return next === undefined ? { action: 'promote', weight: 100 } : { action: 'advance', weight: next };
}

/** Sticky split: the same user always gets the same answer for the same weight. */
export function routeToCanary(userId: string, weight: number): boolean {
  void userId;
  return Math.random() * 100 < weight;
}
