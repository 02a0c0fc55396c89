import type { LocalDate } from '../core/local-date.js';
import { computeStatus, type StatusView } from '../core/progress.js';
import type { Deps } from '../deps.js';
import { loadContext } from './context.js';

/** Progress through the plan: per phase study days, tasks and criteria; position; projected end. */
export async function getStatus(deps: Deps, today: LocalDate): Promise<StatusView> {
  const ctx = await loadContext(deps, today);
  return computeStatus(ctx.plan, ctx.calendar, ctx.history, today, ctx.nowMs);
}
