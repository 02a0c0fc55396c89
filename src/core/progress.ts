import { dayInfo, type Calendar, type DayInfo } from './calendar.js';
import type { LocalDate } from './local-date.js';
import { findPhase, type Plan, type Task } from './plan.js';
import { projectPlan, type Backlog, type Projection } from './projection.js';
import { minutesByDay, sessionMinutes, sessionState, type DayMinutes, type Runaway, type SessionRecord, type SessionState } from './session.js';
import { computeStreak, type Streak } from './streak.js';

export type { Backlog, Projection } from './projection.js';

/**
 * Everything the learner's history holds that progress is computed from, as of one day: nothing recorded
 * after it is in here (coach/context.ts leaves it out), so `--date D` shows the past as it was.
 */
export interface History {
  readonly sessions: readonly SessionRecord[];
  readonly frozen: ReadonlySet<LocalDate>;
  readonly checkedTasks: ReadonlySet<string>;
  readonly verifiedCriteria: ReadonlySet<string>;
  /** Missed days are counted from here: the day the learner started using roadmap (or the plan's start). */
  readonly trackedFrom: LocalDate | null;
  /** The open session, when it is a forgotten timer: progress counts it at its target (core/session.ts). */
  readonly runaway?: Runaway | null;
}

/** Minutes per day as progress counts them (a runaway session at its target). */
export function dayMinutes(history: History, nowMs: number): Map<LocalDate, DayMinutes> {
  return minutesByDay(history.sessions, nowMs, history.runaway ?? null);
}

/** Completed days as progress counts them. */
export function doneDays(history: History, nowMs: number): Set<LocalDate> {
  const done = new Set<LocalDate>();
  for (const d of dayMinutes(history, nowMs).values()) if (d.completed) done.add(d.day);
  return done;
}

/** The plan's projection from a history (the one every command shows). */
export function projectionOf(plan: Plan, calendar: Calendar, history: History, today: LocalDate, nowMs: number): Projection {
  return projectPlan(plan, calendar, { today, completed: doneDays(history, nowMs), trackedFrom: history.trackedFrom });
}

export interface OpenSession {
  readonly state: SessionState;
  readonly startedAt: number;
  /** The study day it counts for (set by `start`); may be before today. */
  readonly day: LocalDate;
  /** Minutes it holds now (a runaway one: its target). */
  readonly minutes: number;
  readonly runaway: Runaway | null;
}

export interface TodayView {
  readonly date: LocalDate;
  readonly info: DayInfo;
  readonly studyDay: boolean;
  readonly minutesDone: number;
  readonly minutesTarget: number;
  readonly minutesLeft: number;
  /** The open session, of today or of an earlier day. */
  readonly session: OpenSession | null;
  readonly streak: Streak;
  readonly backlog: Backlog;
  readonly projection: Projection;
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
  const days = dayMinutes(history, nowMs);
  const done = new Set([...days.values()].filter((d) => d.completed).map((d) => d.day));
  const minutesDone = days.get(today)?.minutes ?? 0;
  const open = history.sessions.find((s) => s.endedAt === null);
  const runaway = open && history.runaway?.sessionId === open.id ? history.runaway : null;
  const phase = info.kind === 'study' || info.kind === 'rest' ? findPhase(plan, info.phase) : undefined;
  const tasks =
    info.kind === 'study' && phase
      ? phase.tasks
          .filter((t) => t.slots.includes(info.slot))
          .map((t) => ({ ...t, checked: history.checkedTasks.has(t.id) }))
          .sort((a, b) => Number(a.checked) - Number(b.checked))
      : [];
  const projection = projectPlan(plan, calendar, { today, completed: done, trackedFrom: history.trackedFrom });
  return {
    date: today,
    info,
    studyDay: info.kind === 'study',
    minutesDone,
    minutesTarget,
    minutesLeft: Math.max(0, minutesTarget - minutesDone),
    session: open
      ? { state: sessionState(open), startedAt: open.startedAt, day: open.day, minutes: runaway ? runaway.countedMinutes : sessionMinutes(open, nowMs), runaway }
      : null,
    streak: computeStreak({ today, completed: done, frozen: history.frozen }),
    backlog: projection.backlog,
    projection,
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
  /** When the plan ends if every study day from today on is done (core/projection.ts; `replan` applies it). */
  readonly projectedEnd: LocalDate;
  /** Completed share of the study days due since tracking began; null before any is due. */
  readonly pace: number | null;
  readonly backlog: Backlog;
}

/** Progress through the plan per phase, the current position and the projected end. */
export function computeStatus(plan: Plan, calendar: Calendar, history: History, today: LocalDate, nowMs: number): StatusView {
  const info = dayInfo(calendar, today);
  const done = doneDays(history, nowMs);
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
  const projection = projectPlan(plan, calendar, { today, completed: done, trackedFrom: history.trackedFrom });
  return {
    date: today,
    info,
    phases,
    totals: {
      done: projection.done,
      total: projection.total,
      tasksChecked: sum((p) => p.tasks.checked),
      tasksTotal: sum((p) => p.tasks.total),
      criteriaVerified: sum((p) => p.criteria.verified),
      criteriaTotal: sum((p) => p.criteria.total),
    },
    plannedEnd: projection.plannedEnd,
    projectedEnd: projection.projectedEnd,
    pace: projection.pace,
    backlog: projection.backlog,
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
 * every later plan day moves to the next free study date. The new end is the projection's, by construction.
 */
export function replanCalendar(projection: Projection): ReplanResult {
  const next = projection.replanned;
  return { shifted: projection.backlog.dates, oldEnd: projection.plannedEnd, newEnd: next.end, excluded: [...next.excluded].sort(), calendar: next };
}
