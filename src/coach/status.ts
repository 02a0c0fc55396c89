import type { LocalDate } from '../core/local-date.js';
import { computeStatus, type StatusView } from '../core/progress.js';
import type { Deps } from '../deps.js';
import { loadContext } from './context.js';
import { selfCheckByPhase, type SelfCheckProgress } from './learn.js';

export interface Status extends StatusView {
  /** Per phase: self-check questions of the Monday notes answered and answered right. */
  readonly selfChecks: readonly (SelfCheckProgress & { readonly phase: number })[];
}

/** Progress through the plan: per phase study days, tasks, criteria and self-checks; position; projected end. */
export async function getStatus(deps: Deps, today: LocalDate): Promise<Status> {
  const ctx = await loadContext(deps, today);
  const view = computeStatus(ctx.plan, ctx.calendar, ctx.history, today, ctx.nowMs);
  const checks = await selfCheckByPhase(deps);
  return { ...view, selfChecks: [...checks].map(([phase, p]) => ({ phase, ...p })) };
}
