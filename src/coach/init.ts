import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCalendar } from '../core/calendar.js';
import { comingMonday, type LocalDate } from '../core/local-date.js';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import type { Profile } from '../store/profile-repository.js';
import { tildify } from '../system/paths.js';
import { DEFAULT_FREEZES_PER_MONTH } from './context.js';

export interface InitOptions {
  readonly start?: LocalDate;
  readonly workspace?: string;
  readonly minutes?: number;
  readonly force?: boolean;
}

export interface InitResult {
  readonly outcome: 'created' | 'unchanged' | 'updated';
  /** The start was not given: a new profile starts on the coming Monday. */
  readonly defaultStart: boolean;
  readonly profile: Profile;
  readonly planStart: LocalDate;
  readonly planEnd: LocalDate;
  readonly phases: readonly { readonly number: number; readonly start: LocalDate; readonly end: LocalDate; readonly studyDays: number }[];
}

function sameSettings(a: Profile, b: Profile): boolean {
  return a.startDate === b.startDate && a.workspace === b.workspace && a.minutesTarget === b.minutesTarget;
}

/**
 * Creates the learner's profile: the plan's start date (re-anchoring every phase, each keeping its number of
 * study days), the workspace folder and the daily minutes. A new profile without a start begins on the coming
 * Monday (today on a Monday), so a phase week starts with its theory day and a new learner's plan lies ahead
 * — not on the seed's 2025 dates. Running it again with the same settings changes nothing; different settings
 * need `force` (sessions, checks and freezes are always kept).
 */
export async function initProfile(deps: Deps, options: InitOptions, today: LocalDate): Promise<InitResult> {
  if (options.minutes !== undefined && (!Number.isInteger(options.minutes) || options.minutes < 5 || options.minutes > 240)) {
    throw new UsageError(`bad --minutes ${options.minutes}: expected a whole number of minutes from 5 to 240`);
  }
  const [plan, store] = await Promise.all([deps.plan(), deps.store()]);
  const existing = await store.profile.get();
  const nowMs = deps.clock.now().getTime();
  const wanted: Profile = {
    startDate: options.start ?? (existing ? existing.startDate : comingMonday(today)),
    workspace: resolve(options.workspace ?? existing?.workspace ?? deps.paths.defaultWorkspace),
    minutesTarget: options.minutes ?? existing?.minutesTarget ?? plan.dailyMinutes,
    freezesPerMonth: existing?.freezesPerMonth ?? DEFAULT_FREEZES_PER_MONTH,
    trackedFrom: existing?.trackedFrom ?? today,
    createdAt: existing?.createdAt ?? nowMs,
  };
  let outcome: InitResult['outcome'] = existing ? 'updated' : 'created';
  if (existing && sameSettings(existing, wanted)) outcome = 'unchanged';
  else if (existing && !options.force) {
    const was = `start ${existing.startDate ?? 'seed dates'}, workspace ${tildify(existing.workspace, deps.env)}, ${existing.minutesTarget} min/day`;
    throw new RoadmapError(`a profile already exists (${was}); rerun with --force to replace its settings (sessions and checks are kept)`);
  }
  try {
    mkdirSync(wanted.workspace, { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new RoadmapError(`cannot create the workspace ${wanted.workspace} (${code}); pass --workspace with a writable folder`, 'user', { cause });
  }
  if (outcome !== 'unchanged') {
    // A new anchor makes earlier replanning meaningless: the new calendar starts clean.
    if (existing && existing.startDate !== wanted.startDate) await store.replans.clear();
    await store.profile.save(wanted, nowMs);
  }
  const calendar = buildCalendar(plan, { start: wanted.startDate ?? undefined, excluded: await store.replans.excluded() });
  return {
    outcome,
    defaultStart: options.start === undefined && !existing,
    profile: wanted,
    planStart: calendar.start,
    planEnd: calendar.end,
    phases: calendar.phases.map((p) => ({ number: p.number, start: p.start, end: p.end, studyDays: p.studyDays })),
  };
}
