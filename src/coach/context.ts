import { buildCalendar, type Calendar } from '../core/calendar.js';
import type { LocalDate } from '../core/local-date.js';
import type { Plan } from '../core/plan.js';
import type { History } from '../core/progress.js';
import { rawSessionMinutes, runawayOf, RUNAWAY_FACTOR, type SessionRecord } from '../core/session.js';
import type { Deps } from '../deps.js';
import type { Profile } from '../store/profile-repository.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { endOfLocalDay } from '../system/clock.js';

/** Default number of streak freezes a learner can spend per calendar month. */
export const DEFAULT_FREEZES_PER_MONTH = 2;

export interface CoachContext {
  readonly plan: Plan;
  readonly store: SqliteStore;
  readonly profile: Profile | null;
  readonly calendar: Calendar;
  /** The learner's history as of `today`: nothing recorded after it. */
  readonly history: History;
  readonly today: LocalDate;
  /** The clock: when a command writes, this is the time it records. */
  readonly nowMs: number;
  /** The last instant of `today`: records stamped after it do not count. */
  readonly asOfMs: number;
  readonly minutesTarget: number;
  readonly freezesPerMonth: number;
  readonly workspace: string;
}

/** The learner's workspace folder: the profile's, else the default (`~/roadmap-work`). */
export async function workspaceOf(deps: Deps): Promise<string> {
  return workspaceFrom(await (await deps.store()).profile.get(), deps);
}

function workspaceFrom(profile: Profile | null, deps: Deps): string {
  return profile?.workspace ?? deps.paths.defaultWorkspace;
}

/**
 * The latest thing roadmap recorded at or before `untilMs` (a review, a task or kata check, a verify run), or
 * null. Only read when an open session may be a forgotten timer: it reads every review.
 */
export async function lastActivity(store: SqliteStore, untilMs: number): Promise<number | null> {
  const [logs, tasks, runs, katas] = await Promise.all([store.cards.logs(), store.checks.taskChecks(), store.checks.criterionHistory(), store.katas.records()]);
  const times = [
    ...logs.map((l) => l.review),
    ...tasks.map((t) => t.checkedAtMs),
    ...runs.map((r) => r.verifiedAtMs),
    ...[...katas.values()].flatMap((k) => [k.started_at, k.first_passed_at ?? 0]),
  ].filter((t) => t <= untilMs);
  return times.length ? Math.max(...times) : null;
}

/** The open session among `sessions` as a forgotten timer at `nowMs`, or null (core/session.ts says when). */
export async function findRunaway(store: SqliteStore, sessions: readonly SessionRecord[], nowMs: number) {
  const open = sessions.find((s) => s.endedAt === null);
  // Most calls stop here: the store's activity is only read for a timer already past twice its target.
  if (!open || rawSessionMinutes(open, nowMs) <= RUNAWAY_FACTOR * open.targetMinutes) return null;
  return runawayOf(open, nowMs, await lastActivity(store, nowMs));
}

/** Tasks checked and criteria verified (latest run of the learner's project passed) at `asOfMs`. */
async function checksAsOf(store: SqliteStore, asOfMs: number): Promise<{ readonly tasks: Set<string>; readonly criteria: Set<string> }> {
  const [tasks, runs] = await Promise.all([store.checks.taskChecks(), store.checks.criterionHistory({ learnerOnly: true })]);
  const latest = new Map<string, boolean>();
  for (const r of runs) if (r.verifiedAtMs <= asOfMs) latest.set(r.criterionId, r.passed);
  return {
    tasks: new Set(tasks.filter((t) => t.checkedAtMs <= asOfMs).map((t) => t.taskId)),
    criteria: new Set([...latest].filter(([, passed]) => passed).map(([id]) => id)),
  };
}

/**
 * Reads the plan, the profile and the learner's history as of `today`, and lays the plan on the learner's
 * calendar. "As of" is strict: sessions and freezes of later days, and task checks and verify runs stamped
 * after the end of `today`, are left out, so `--date D` shows every figure as it stood on D.
 */
export async function loadContext(deps: Deps, today: LocalDate): Promise<CoachContext> {
  const [plan, store] = await Promise.all([deps.plan(), deps.store()]);
  const nowMs = deps.clock.now().getTime();
  const asOfMs = endOfLocalDay(today) - 1;
  const [profile, allSessions, allFrozen, checks, excluded] = await Promise.all([
    store.profile.get(),
    store.sessions.all(),
    store.freezes.all(),
    checksAsOf(store, asOfMs),
    store.replans.excluded(),
  ]);
  const sessions = allSessions.filter((s) => s.day <= today);
  const calendar = buildCalendar(plan, { start: profile?.startDate ?? undefined, excluded });
  return {
    plan,
    store,
    profile,
    calendar,
    history: {
      sessions,
      frozen: new Set([...allFrozen].filter((d) => d <= today)),
      checkedTasks: checks.tasks,
      verifiedCriteria: checks.criteria,
      trackedFrom: profile?.trackedFrom ?? null,
      runaway: await findRunaway(store, sessions, nowMs),
    },
    today,
    nowMs,
    asOfMs,
    minutesTarget: profile?.minutesTarget ?? plan.dailyMinutes,
    freezesPerMonth: profile?.freezesPerMonth ?? DEFAULT_FREEZES_PER_MONTH,
    workspace: workspaceFrom(profile, deps),
  };
}
