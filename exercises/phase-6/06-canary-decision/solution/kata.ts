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

const rate = (c: Counts) => (c.requests === 0 ? 0 : c.errors / c.requests); // no traffic → no NaN

export function decide(currentWeight: number, metrics: StepMetrics, policy: CanaryPolicy): Decision {
  const index = policy.steps.indexOf(currentWeight);
  if (index === -1) throw new RangeError(`weight ${currentWeight} is not one of the steps ${policy.steps.join(',')}`);
  const { canary, stable } = metrics;

  if (canary.requests < policy.minRequests) {
    // Fail fast: even if every remaining request up to minRequests succeeded, the rate would be too high.
    if (canary.errors > policy.maxErrorRate * policy.minRequests) {
      return { action: 'rollback', weight: 0, reason: `${canary.errors} errors before reaching ${policy.minRequests} requests` };
    }
    // Otherwise a small sample is noise: wait for more data instead of deciding either way.
    return { action: 'hold', weight: currentWeight, reason: `${canary.requests}/${policy.minRequests} requests` };
  }

  const canaryRate = rate(canary);
  const stableRate = rate(stable);
  // Absolute ceiling: being "as bad as stable" is not good enough when stable is bad too.
  if (canaryRate > policy.maxErrorRate) {
    return { action: 'rollback', weight: 0, reason: `canary error rate ${canaryRate} > ${policy.maxErrorRate}` };
  }
  // Relative check: the same time window on the stable version is the fairest baseline.
  if (canaryRate - stableRate > policy.maxErrorRateIncrease) {
    return { action: 'rollback', weight: 0, reason: `canary ${canaryRate} vs stable ${stableRate}` };
  }

  const next = policy.steps[index + 1];
  return next === undefined ? { action: 'promote', weight: 100 } : { action: 'advance', weight: next };
}

/** FNV-1a, 32-bit. Math.imul keeps the multiplication in 32 bits; >>> 0 keeps it unsigned. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Sticky split: the same user always gets the same answer for the same weight. */
export function routeToCanary(userId: string, weight: number): boolean {
  // A stable bucket per user; raising the weight only ever adds buckets to the canary side.
  return fnv1a(userId) % 100 < weight;
}
