/**
 * Where the plan ends: the one projection every command shows (status, replan, today, report, review, the
 * TUI). It answers "if I study every study day from today on, when am I done?": the plan shifted past the
 * study days that went by without a completed session since tracking began — exactly what `roadmap replan`
 * records. Pure: takes the calendar, the completed days and today.
 */
import { buildCalendar, type Calendar } from './calendar.js';
import { addDays, isSunday, type LocalDate } from './local-date.js';
import type { Plan } from './plan.js';

export interface Backlog {
  readonly days: number;
  readonly dates: readonly LocalDate[];
}

export interface Projection {
  /** The calendar's end as it stands (after earlier replans). */
  readonly plannedEnd: LocalDate;
  /** The end if every study day from today on is done: the calendar shifted past the backlog. */
  readonly projectedEnd: LocalDate;
  /** Study days since tracking began, before today, with no completed session: what the plan shifts past. */
  readonly backlog: Backlog;
  /** The calendar shifted past the backlog (`replan` applies it). */
  readonly replanned: Calendar;
  /** Plan days completed, of the calendar's total. */
  readonly done: number;
  readonly total: number;
  /** Study days still to do (total − done). */
  readonly remaining: number;
  /**
   * Completed share of the study days due since tracking began (today counts once it is done); null before
   * any is due. A figure of the past, not a forecast: the projected end assumes every day from today.
   */
  readonly pace: number | null;
}

export interface ProjectionInput {
  readonly today: LocalDate;
  /** Days whose sessions reached the target (nothing after `today`). */
  readonly completed: ReadonlySet<LocalDate>;
  /** Missed days are counted from here (the day of `roadmap init`); null: nothing is tracked. */
  readonly trackedFrom: LocalDate | null;
}

/**
 * The study days to shift past, found by laying the plan again from its start: a free study date (Mon–Sat,
 * not already replanned away) before today, since tracking began and without a completed session, holds no
 * plan day; every other one holds the next. This is the fixed point of replanning: after it, no plan day is
 * left before today undone — also once the plan's own dates are past, where shifting by the missed plan days
 * alone would still end in the past.
 */
function idleDates(calendar: Calendar, input: ProjectionInput): LocalDate[] {
  if (input.trackedFrom === null) return [];
  const from = input.trackedFrom > calendar.start ? input.trackedFrom : calendar.start;
  const idle: LocalDate[] = [];
  let held = 0;
  for (let d = calendar.start; held < calendar.days.length; d = addDays(d, 1)) {
    if (isSunday(d) || calendar.excluded.has(d)) continue;
    if (d >= from && d < input.today && !input.completed.has(d)) idle.push(d);
    else held++;
  }
  return idle;
}

/** Projects the plan's end from the learner's completed days: see the module comment. */
export function projectPlan(plan: Plan, calendar: Calendar, input: ProjectionInput): Projection {
  const idle = idleDates(calendar, input);
  const replanned = idle.length === 0 ? calendar : buildCalendar(plan, { start: calendar.start, excluded: [...calendar.excluded, ...idle].sort() });
  const done = calendar.days.filter((d) => input.completed.has(d)).length;
  const from = input.trackedFrom && input.trackedFrom > calendar.start ? input.trackedFrom : calendar.start;
  const due = calendar.days.filter((d) => d >= from && (d < input.today || (d === input.today && input.completed.has(d))));
  const doneDue = due.filter((d) => input.completed.has(d)).length;
  return {
    plannedEnd: calendar.end,
    projectedEnd: replanned.end,
    backlog: { days: idle.length, dates: idle },
    replanned,
    done,
    total: calendar.days.length,
    remaining: calendar.days.length - done,
    pace: due.length === 0 ? null : doneDue / due.length,
  };
}
