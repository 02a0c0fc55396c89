import { formatLongDate, isSunday, monthOf, type LocalDate } from '../core/local-date.js';
import { completedDays } from '../core/session.js';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import { loadContext } from './context.js';

export interface FreezeResult {
  readonly day: LocalDate;
  readonly usedThisMonth: number;
  readonly perMonth: number;
}

/**
 * Spends a streak freeze on a study day the learner could not do (a sick day): the streak bridges it.
 * At most `freezesPerMonth` per calendar month; never on a Sunday, a future day, a completed day or twice.
 */
export async function spendFreeze(deps: Deps, day: LocalDate, today: LocalDate): Promise<FreezeResult> {
  const ctx = await loadContext(deps, today);
  if (day > today) throw new UsageError(`cannot freeze ${day}: it is in the future; freeze a day once it is missed (or today)`);
  if (isSunday(day)) throw new RoadmapError(`${formatLongDate(day)} is a Sunday: rest days never break the streak, no freeze needed`);
  if (ctx.history.frozen.has(day)) throw new RoadmapError(`${formatLongDate(day)} is already frozen`);
  if (completedDays(ctx.history.sessions, ctx.nowMs).has(day)) {
    throw new RoadmapError(`${formatLongDate(day)} is already completed: no freeze needed`);
  }
  const month = monthOf(day);
  const used = [...ctx.history.frozen].filter((d) => monthOf(d) === month).length;
  if (used >= ctx.freezesPerMonth) {
    throw new RoadmapError(`no streak freezes left for ${month}: ${used} of ${ctx.freezesPerMonth} used`);
  }
  await ctx.store.freezes.add(day, ctx.nowMs);
  return { day, usedThisMonth: used + 1, perMonth: ctx.freezesPerMonth };
}
