import type { LocalDate } from '../core/local-date.js';
import { projectionOf, replanCalendar, type ReplanResult } from '../core/progress.js';
import type { Deps } from '../deps.js';
import { loadContext } from './context.js';

/**
 * Shifts the rest of the plan by the missed study days (the backlog). With `dryRun` it only computes the
 * new calendar; otherwise the shifted days are recorded so every later command sees the new dates. The new
 * end is the projected end `status`, `today` and the report show for the same day.
 */
export async function replan(deps: Deps, today: LocalDate, dryRun: boolean): Promise<ReplanResult & { readonly applied: boolean }> {
  const ctx = await loadContext(deps, today);
  const result = replanCalendar(projectionOf(ctx.plan, ctx.calendar, ctx.history, today, ctx.nowMs));
  const applied = !dryRun && result.shifted.length > 0;
  if (applied) await ctx.store.replans.add(result.shifted, ctx.nowMs);
  return { ...result, applied };
}
