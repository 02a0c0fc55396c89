import type { LocalDate } from '../core/local-date.js';
import { computeBacklog, replanCalendar, type ReplanResult } from '../core/progress.js';
import { completedDays } from '../core/session.js';
import type { Deps } from '../deps.js';
import { loadContext } from './context.js';

/**
 * Shifts the rest of the plan by the missed study days (the backlog). With `dryRun` it only computes the
 * new calendar; otherwise the shifted days are recorded so every later command sees the new dates.
 */
export async function replan(deps: Deps, today: LocalDate, dryRun: boolean): Promise<ReplanResult & { readonly applied: boolean }> {
  const ctx = await loadContext(deps, today);
  const backlog = computeBacklog(ctx.calendar, ctx.history, today, completedDays(ctx.history.sessions, ctx.nowMs));
  const result = replanCalendar(ctx.plan, ctx.calendar, backlog);
  const applied = !dryRun && result.shifted.length > 0;
  if (applied) await ctx.store.replans.add(result.shifted, ctx.nowMs);
  return { ...result, applied };
}
