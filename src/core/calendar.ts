import { addDays, daysBetween, isSunday, weekdayOf, type LocalDate, type Weekday } from './local-date.js';
import type { Plan, StudySlot } from './plan.js';

/** Where a phase falls once the plan is laid on real dates. */
export interface CalendarPhase {
  readonly number: number;
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly studyDays: number;
  /** Index in `Calendar.days` of the phase's first study day. */
  readonly firstIndex: number;
  readonly weeks: number;
}

export interface Calendar {
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly phases: readonly CalendarPhase[];
  /** Every study day of the plan in order. */
  readonly days: readonly LocalDate[];
  /** Dates taken out of the plan by `replan` (missed days the rest of the plan was shifted past). */
  readonly excluded: ReadonlySet<LocalDate>;
  readonly weekLength: number;
  readonly slotOf: (weekday: Weekday) => StudySlot | 'rest';
  readonly indexOf: ReadonlyMap<LocalDate, number>;
}

export interface CalendarOptions {
  /** First day of the plan; defaults to the seed's first phase start. A rest day moves to the next study day. */
  readonly start?: LocalDate;
  /** Dates that are not study days even though they are Mon–Sat (see `replan`). */
  readonly excluded?: Iterable<LocalDate>;
}

/** Study days (Mon–Sat) in `[start, end]`, both inclusive. */
export function countStudyDays(start: LocalDate, end: LocalDate): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) if (!isSunday(d)) n++;
  return n;
}

/** Each phase's number of study days, read off the plan's own dates. Re-anchoring keeps these. */
export function phaseStudyDayCounts(plan: Plan): number[] {
  return plan.phases.map((p) => countStudyDays(p.start, p.end));
}

/**
 * Lays the plan on real dates: from `start`, every Mon–Sat date that is not excluded is the next study day,
 * and each phase takes as many study days as it has in the seed. With the seed's own start and no
 * exclusions this reproduces the seed's dates exactly.
 */
export function buildCalendar(plan: Plan, options: CalendarOptions = {}): Calendar {
  const excluded = new Set(options.excluded ?? []);
  const counts = phaseStudyDayCounts(plan);
  const total = counts.reduce((a, b) => a + b, 0);
  const isStudyDate = (d: LocalDate): boolean => !isSunday(d) && !excluded.has(d);
  let cursor = options.start ?? plan.phases[0]!.start;
  const days: LocalDate[] = [];
  while (days.length < total) {
    if (isStudyDate(cursor)) days.push(cursor);
    cursor = addDays(cursor, 1);
  }
  let index = 0;
  const phases = plan.phases.map((p, i) => {
    const n = counts[i]!;
    const phase: CalendarPhase = {
      number: p.number,
      start: days[index]!,
      end: days[index + n - 1]!,
      studyDays: n,
      firstIndex: index,
      weeks: Math.ceil(n / plan.weekLength),
    };
    index += n;
    return phase;
  });
  const slotOf = (weekday: Weekday): StudySlot | 'rest' => plan.week[weekday].slot as StudySlot | 'rest';
  return {
    start: days[0]!,
    end: days[days.length - 1]!,
    phases,
    days,
    excluded,
    weekLength: plan.weekLength,
    slotOf,
    indexOf: new Map(days.map((d, i) => [d, i])),
  };
}

export type DayInfo =
  | { readonly kind: 'not-started'; readonly date: LocalDate; readonly daysToGo: number; readonly startsOn: LocalDate }
  | { readonly kind: 'finished'; readonly date: LocalDate; readonly endedOn: LocalDate }
  | {
      readonly kind: 'study';
      readonly date: LocalDate;
      readonly weekday: Weekday;
      readonly slot: StudySlot;
      readonly phase: number;
      readonly week: number;
      /** 1-based position in the whole plan. */
      readonly dayOfPlan: number;
      /** 1-based position in the phase. */
      readonly dayOfPhase: number;
    }
  | {
      readonly kind: 'rest';
      readonly date: LocalDate;
      readonly weekday: Weekday;
      readonly reason: 'sunday' | 'replanned';
      readonly phase: number;
      readonly week: number;
    };

function phaseAt(calendar: Calendar, index: number): CalendarPhase {
  let found = calendar.phases[0]!;
  for (const p of calendar.phases) if (p.firstIndex <= index) found = p;
  return found;
}

/** The last study-day index on or before `date` (the plan has started by then). */
function lastIndexOnOrBefore(calendar: Calendar, date: LocalDate): number {
  let lo = 0;
  let hi = calendar.days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (calendar.days[mid]! <= date) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What a date is in the plan: a study day (with phase, week and slot), a rest day, before the start or after the end. */
export function dayInfo(calendar: Calendar, date: LocalDate): DayInfo {
  if (date < calendar.start) {
    return { kind: 'not-started', date, daysToGo: daysBetween(date, calendar.start), startsOn: calendar.start };
  }
  if (date > calendar.end) return { kind: 'finished', date, endedOn: calendar.end };
  const weekday = weekdayOf(date);
  const index = calendar.indexOf.get(date);
  if (index === undefined) {
    const prev = lastIndexOnOrBefore(calendar, date);
    const phase = phaseAt(calendar, prev);
    return {
      kind: 'rest',
      date,
      weekday,
      reason: isSunday(date) ? 'sunday' : 'replanned',
      phase: phase.number,
      week: Math.floor((prev - phase.firstIndex) / calendar.weekLength) + 1,
    };
  }
  const phase = phaseAt(calendar, index);
  const dayOfPhase = index - phase.firstIndex + 1;
  return {
    kind: 'study',
    date,
    weekday,
    slot: calendar.slotOf(weekday) as StudySlot,
    phase: phase.number,
    week: Math.floor((dayOfPhase - 1) / calendar.weekLength) + 1,
    dayOfPlan: index + 1,
    dayOfPhase,
  };
}

/** Study days of the plan in `[from, to]`, in order. */
export function studyDaysBetween(calendar: Calendar, from: LocalDate, to: LocalDate): LocalDate[] {
  return calendar.days.filter((d) => d >= from && d <= to);
}
