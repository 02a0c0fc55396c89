// Step 3: what a Deployment's RollingUpdate strategy does with maxSurge and maxUnavailable.

export type IntOrPercent = number | `${number}%`;

/** Percentages: maxSurge rounds UP, maxUnavailable rounds DOWN (as the Deployment controller does). */
export function resolveRollingUpdate(replicas: number, maxSurge: IntOrPercent = '25%', maxUnavailable: IntOrPercent = '25%') {
  const resolve = (v: IntOrPercent, round: (n: number) => number) =>
    typeof v === 'number' ? v : round((replicas * parseFloat(v)) / 100);
  const surge = resolve(maxSurge, Math.ceil);
  const unavailable = resolve(maxUnavailable, Math.floor);
  if (surge === 0 && unavailable === 0) throw new Error('maxSurge and maxUnavailable cannot both be 0');
  return { surge, unavailable };
}

export interface RolloutStep {
  old: number; // old-version Pods (all ready)
  new: number; // new-version Pods, ready or starting
  ready: number; // Pods that pass readiness and receive traffic (the lowest point of the step)
}

/**
 * Simulate a rollout where each step: (1) creates new Pods up to replicas + surge, (2) deletes old
 * Pods while at least replicas − unavailable stay ready, (3) lets the new Pods become ready.
 */
export function simulateRollout(replicas: number, maxSurge?: IntOrPercent, maxUnavailable?: IntOrPercent): RolloutStep[] {
  const { surge, unavailable } = resolveRollingUpdate(replicas, maxSurge, maxUnavailable);
  const minReady = replicas - unavailable;
  let old = replicas;
  let created = 0;
  let newReady = 0;
  const steps: RolloutStep[] = [];
  while (old > 0 || newReady < replicas) {
    if (steps.length > 10 * replicas + 10) throw new Error('rollout is stuck');
    created = Math.min(replicas, Math.max(created, replicas + surge - old)); // (1) surge
    const removable = Math.max(0, old + newReady - minReady); // (2) only count ready Pods
    old -= Math.min(old, removable);
    steps.push({ old, new: created, ready: old + newReady });
    newReady = created; // (3) readiness probes pass
  }
  const last = steps[steps.length - 1];
  if (!last || last.ready !== old + newReady) steps.push({ old, new: created, ready: old + newReady });
  return steps;
}
