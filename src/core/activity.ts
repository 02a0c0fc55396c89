/**
 * The learner's activity over time, for reports: a study-day heatmap (GitHub's contribution graph: one column
 * per Mon–Sun week, one cell per day) and minutes per week. Pure: takes the minutes per day, returns data.
 */
import { addDays, mondayOf, type LocalDate } from './local-date.js';

export interface DayMinutesLike {
  readonly minutes: number;
  readonly completed: boolean;
}

export type HeatLevel = 0 | 1 | 2 | 3 | 4;

export interface HeatCell {
  readonly date: LocalDate;
  readonly minutes: number;
  readonly completed: boolean;
  /** 0 none, 1 under half the target, 2 under the target, 3 the target, 4 well over it (≥ 1.5×). */
  readonly level: HeatLevel;
  /** After the report's last day (the rest of the current week): drawn empty. */
  readonly future: boolean;
}

export interface Heatmap {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Weeks (Mon–Sun), each with its 7 days in order. */
  readonly weeks: readonly { readonly monday: LocalDate; readonly days: readonly HeatCell[] }[];
}

export function heatLevel(minutes: number, target: number): HeatLevel {
  if (minutes <= 0) return 0;
  if (minutes < target / 2) return 1;
  if (minutes < target) return 2;
  if (minutes < target * 1.5) return 3;
  return 4;
}

/** Days `from`..`to` laid out in whole Mon–Sun weeks, each cell with its minutes and level. */
export function buildHeatmap(days: ReadonlyMap<LocalDate, DayMinutesLike>, from: LocalDate, to: LocalDate, target: number): Heatmap {
  const weeks: { monday: LocalDate; days: HeatCell[] }[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
    const cells = Array.from({ length: 7 }, (_, i): HeatCell => {
      const date = addDays(monday, i);
      const d = date >= from && date <= to ? days.get(date) : undefined;
      const minutes = d?.minutes ?? 0;
      return { date, minutes, completed: d?.completed ?? false, level: heatLevel(minutes, target), future: date > to };
    });
    weeks.push({ monday, days: cells });
  }
  return { from, to, weeks };
}

export interface WeekMinutes {
  readonly monday: LocalDate;
  readonly minutes: number;
  readonly completedDays: number;
  /** The week's target: study days in range × the daily target. */
  readonly targetMinutes: number;
}

/** Minutes and completed days per Mon–Sun week from `from` to `to`, with the week's target (6 study days × target). */
export function minutesPerWeek(days: ReadonlyMap<LocalDate, DayMinutesLike>, from: LocalDate, to: LocalDate, target: number): WeekMinutes[] {
  const out: WeekMinutes[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
    let minutes = 0;
    let completed = 0;
    let studyDays = 0;
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      if (date < from || date > to) continue;
      if (i < 6) studyDays++;
      const d = days.get(date);
      minutes += d?.minutes ?? 0;
      if (d?.completed) completed++;
    }
    out.push({ monday, minutes: Math.round(minutes), completedDays: completed, targetMinutes: studyDays * target });
  }
  return out;
}

/** The default report window: the last 26 weeks up to `to`, but not before the Monday of the plan's start. */
export function defaultWindow(to: LocalDate, planStart: LocalDate): LocalDate {
  const half = addDays(mondayOf(to), -25 * 7);
  const start = mondayOf(planStart);
  return start > half && start <= to ? start : half;
}
