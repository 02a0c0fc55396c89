import { buildCalendar, type Calendar } from '../core/calendar.js';
import type { LocalDate } from '../core/local-date.js';
import type { Plan } from '../core/plan.js';
import type { History } from '../core/progress.js';
import type { Deps } from '../deps.js';
import type { Profile } from '../store/profile-repository.js';
import type { SqliteStore } from '../store/sqlite-store.js';

/** Default number of streak freezes a learner can spend per calendar month. */
export const DEFAULT_FREEZES_PER_MONTH = 2;

export interface CoachContext {
  readonly plan: Plan;
  readonly store: SqliteStore;
  readonly profile: Profile | null;
  readonly calendar: Calendar;
  readonly history: History;
  readonly today: LocalDate;
  readonly nowMs: number;
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

/** Reads the plan, the profile and the learner's history, and lays the plan on the learner's calendar. */
export async function loadContext(deps: Deps, today: LocalDate): Promise<CoachContext> {
  const [plan, store] = await Promise.all([deps.plan(), deps.store()]);
  const [profile, sessions, frozen, checkedTasks, verifiedCriteria, excluded] = await Promise.all([
    store.profile.get(),
    store.sessions.all(),
    store.freezes.all(),
    store.checks.checkedTasks(),
    store.checks.verifiedCriteria(),
    store.replans.excluded(),
  ]);
  const calendar = buildCalendar(plan, { start: profile?.startDate ?? undefined, excluded });
  return {
    plan,
    store,
    profile,
    calendar,
    history: { sessions, frozen, checkedTasks, verifiedCriteria, trackedFrom: profile?.trackedFrom ?? null },
    today,
    nowMs: deps.clock.now().getTime(),
    minutesTarget: profile?.minutesTarget ?? plan.dailyMinutes,
    freezesPerMonth: profile?.freezesPerMonth ?? DEFAULT_FREEZES_PER_MONTH,
    workspace: workspaceFrom(profile, deps),
  };
}
