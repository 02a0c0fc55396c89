import { buildCalendar, dayInfo, type Calendar, type DayInfo } from './calendar.js';
import { addDays, isSunday, type LocalDate } from './local-date.js';
import { findPhase, type Plan, type Task } from './plan.js';
import { completedDays, minutesByDay, sessionState, type SessionRecord, type SessionState } from './session.js';
import { computeStreak, type Streak } from './streak.js';

/** Everything the learner's history holds that progress is computed from. */
export interface History {
  readonly sessions: readonly SessionRecord[];
  readonly frozen: ReadonlySet<LocalDate>;
  readonly checkedTasks: ReadonlySet<string>;
  readonly verifiedCriteria: ReadonlySet<string>;
  /** Missed days are counted from here: the day the learner started using roadmap (or the plan's start). */
  readonly trackedFrom: LocalDate | null;
}

export interface Backlog {
  readonly days: number;
  readonly dates: readonly LocalDate[];
}

/**
 * Missed study days: plan days from the later of the plan's start and `trackedFrom` up to yesterday without a
 * completed session. A frozen day keeps the streak but its work is still owed, so it stays in the backlog
 * until `replan` shifts the plan past it.
 */
export function computeBacklog(calendar: Calendar, history: History, today: LocalDate, done: ReadonlySet<LocalDate>): Backlog {
  if (history.trackedFrom === null) return { days: 0, dates: [] };
  const from = history.trackedFrom > calendar.start ? history.trackedFrom : calendar.start;
  const dates = calendar.days.filter((d) => d >= from && d < today && !done.has(d));
  return { days: dates.length, dates };
}

export interface TodayView {
  readonly date: LocalDate;
  readonly info: DayInfo;
  readonly studyDay: boolean;
  readonly minutesDone: number;
  readonly minutesTarget: number;
  readonly minutesLeft: number;
  readonly session: { readonly state: SessionState; readonly startedAt: number; readonly day: LocalDate } | null;
  readonly streak: Streak;
  readonly backlog: Backlog;
  /** The phase's tasks worked on in today's slot, unchecked first. */
  readonly tasks: readonly (Task & { readonly checked: boolean })[];
  readonly frozenToday: boolean;
}

/** Today's study session: where the date falls in the plan, minutes done and left, streak and backlog. */
export function computeToday(
  plan: Plan,
  calendar: Calendar,
  history: History,
  today: LocalDate,
  nowMs: number,
  minutesTarget: number,
): TodayView {
  const info = dayInfo(calendar, today);
  const days = minutesByDay(history.sessions, nowMs);
  const done = new Set([...days.values()].filter((d) => d.completed).map((d) => d.day));
  const day = days.get(today);
  const minutesDone = day?.minutes ?? 0;
  const open = history.sessions.find((s) => s.endedAt === null);
  const phase = info.kind === 'study' || info.kind === 'rest' ? findPhase(plan, info.phase) : undefined;
  const tasks =
    info.kind === 'study' && phase
      ? phase.tasks
          .filter((t) => t.slots.includes(info.slot))
          .map((t) => ({ ...t, checked: history.checkedTasks.has(t.id) }))
          .sort((a, b) => Number(a.checked) - Number(b.checked))
      : [];
  return {
    date: today,
    info,
    studyDay: info.kind === 'study',
    minutesDone,
    minutesTarget,
    minutesLeft: Math.max(0, minutesTarget - minutesDone),
    session: open ? { state: sessionState(open), startedAt: open.startedAt, day: open.day } : null,
    streak: computeStreak({ today, completed: done, frozen: history.frozen }),
    backlog: computeBacklog(calendar, history, today, done),
    tasks,
    frozenToday: history.frozen.has(today),
  };
}

export interface PhaseProgress {
  readonly number: number;
  readonly title: string;
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly studyDays: { readonly done: number; readonly total: number };
  readonly tasks: { readonly checked: number; readonly total: number };
  readonly criteria: { readonly verified: number; readonly total: number };
  readonly state: 'done' | 'current' | 'upcoming' | 'past';
}

export interface StatusView {
  readonly date: LocalDate;
  readonly info: DayInfo;
  readonly phases: readonly PhaseProgress[];
  readonly totals: PhaseProgress['studyDays'] & { readonly tasksChecked: number; readonly tasksTotal: number; readonly criteriaVerified: number; readonly criteriaTotal: number };
  readonly plannedEnd: LocalDate;
  /** At the learner's pace so far (completed / elapsed study days), when the plan will be done. */
  readonly projectedEnd: LocalDate | null;
  readonly pace: number | null;
  readonly backlog: Backlog;
}

/** Advances `n` Mon–Sat days from `from` (counting `from` itself when it is one). */
function advanceStudyDays(from: LocalDate, n: number): LocalDate {
  let d = from;
  let left = n;
  for (;;) {
    if (!isSunday(d)) {
      left--;
      if (left <= 0) return d;
    }
    d = addDays(d, 1);
  }
}

/** Progress through the plan per phase, the current position and the projected end at the current pace. */
export function computeStatus(plan: Plan, calendar: Calendar, history: History, today: LocalDate, nowMs: number): StatusView {
  const info = dayInfo(calendar, today);
  const done = completedDays(history.sessions, nowMs);
  const phases = plan.phases.map((p, i): PhaseProgress => {
    const span = calendar.phases[i]!;
    const days = calendar.days.slice(span.firstIndex, span.firstIndex + span.studyDays);
    const daysDone = days.filter((d) => done.has(d)).length;
    const state =
      today > span.end ? (daysDone === span.studyDays ? 'done' : 'past') : today >= span.start ? 'current' : 'upcoming';
    return {
      number: p.number,
      title: p.title,
      start: span.start,
      end: span.end,
      studyDays: { done: daysDone, total: span.studyDays },
      tasks: { checked: p.tasks.filter((t) => history.checkedTasks.has(t.id)).length, total: p.tasks.length },
      criteria: { verified: p.criteria.filter((c) => history.verifiedCriteria.has(c.id)).length, total: p.criteria.length },
      state,
    };
  });
  const sum = (f: (p: PhaseProgress) => number): number => phases.reduce((a, p) => a + f(p), 0);
  const totalDays = calendar.days.length;
  const doneDays = sum((p) => p.studyDays.done);
  const from = history.trackedFrom && history.trackedFrom > calendar.start ? history.trackedFrom : calendar.start;
  const elapsed = calendar.days.filter((d) => d >= from && (d < today || (d === today && done.has(d)))).length;
  const pace = elapsed > 0 ? Math.min(1, done.size === 0 ? 0 : doneDays / elapsed) : null;
  const remaining = totalDays - doneDays;
  let projectedEnd: LocalDate | null;
  if (remaining === 0) projectedEnd = calendar.days.filter((d) => done.has(d)).at(-1) ?? calendar.end;
  else if (pace === null) projectedEnd = today < calendar.start ? calendar.end : advanceStudyDays(today, remaining);
  else if (pace === 0) projectedEnd = null;
  else projectedEnd = advanceStudyDays(done.has(today) ? addDays(today, 1) : today, Math.ceil(remaining / pace));
  return {
    date: today,
    info,
    phases,
    totals: {
      done: doneDays,
      total: totalDays,
      tasksChecked: sum((p) => p.tasks.checked),
      tasksTotal: sum((p) => p.tasks.total),
      criteriaVerified: sum((p) => p.criteria.verified),
      criteriaTotal: sum((p) => p.criteria.total),
    },
    plannedEnd: calendar.end,
    projectedEnd,
    pace,
    backlog: computeBacklog(calendar, history, today, done),
  };
}

export interface ReplanResult {
  readonly shifted: readonly LocalDate[];
  readonly oldEnd: LocalDate;
  readonly newEnd: LocalDate;
  readonly excluded: readonly LocalDate[];
  readonly calendar: Calendar;
}

/**
 * Shifts the rest of the plan past the missed study days: each backlog day is taken out of the calendar, so
 * every later plan day moves to the next free study date and the end moves by as many study days.
 */
export function replanCalendar(plan: Plan, calendar: Calendar, backlog: Backlog): ReplanResult {
  const excluded = [...calendar.excluded, ...backlog.dates].sort();
  const next = buildCalendar(plan, { start: calendar.start, excluded });
  return { shifted: backlog.dates, oldEnd: calendar.end, newEnd: next.end, excluded, calendar: next };
}
