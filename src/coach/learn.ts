import type { DayInfo } from '../core/calendar.js';
import type { LocalDate } from '../core/local-date.js';
import { buildCalendar } from '../core/calendar.js';
import type { SelfCheckItem } from '../content/curriculum.js';
import { MATERIAL_SLOTS, readMaterial, type Material } from '../content/material.js';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import type { SelfCheckState } from '../store/self-check-repository.js';
import { requirePhase } from './tasks.js';

export interface WeekRef {
  readonly phase: number;
  readonly week: number;
}

/** Checks a phase/week pair against the plan (weeks of 6 study days); unknown ones are usage errors. */
export async function requireWeek(deps: Deps, ref: WeekRef): Promise<void> {
  const plan = await deps.plan();
  requirePhase(plan, ref.phase);
  const weeks = buildCalendar(plan).phases[ref.phase - 1]!.weeks;
  if (!Number.isInteger(ref.week) || ref.week < 1 || ref.week > weeks) {
    throw new UsageError(`unknown week ${ref.week} of phase ${ref.phase}: it has weeks 1–${weeks}`);
  }
}

/** The week a date falls in; before the plan starts that is phase 1 week 1, after it ends there is none. */
export function weekOfDay(info: DayInfo): WeekRef | null {
  if (info.kind === 'study' || info.kind === 'rest') return { phase: info.phase, week: info.week };
  if (info.kind === 'not-started') return { phase: 1, week: 1 };
  return null;
}

export interface SelfCheckProgress {
  readonly total: number;
  readonly answered: number;
  readonly correct: number;
}

export interface WeekSummary extends WeekRef {
  readonly title: string;
  readonly materials: readonly Material[];
  readonly selfCheck: SelfCheckProgress;
}

function progressOf(ref: WeekRef, questions: number, states: readonly SelfCheckState[]): SelfCheckProgress {
  const mine = states.filter((s) => s.phase === ref.phase && s.week === ref.week && s.question <= questions);
  return { total: questions, answered: mine.length, correct: mine.filter((s) => s.correct).length };
}

/** Every week of the plan (or of one phase) with its three documents and the learner's self-check progress. */
export async function listWeeks(deps: Deps, phase?: number): Promise<WeekSummary[]> {
  const plan = await deps.plan();
  if (phase !== undefined) requirePhase(plan, phase);
  const states = await (await deps.store()).selfChecks.states();
  const root = deps.paths.packageRoot;
  // The full loader (yaml + zod) is imported lazily: `roadmap today` shares this module and must stay fast.
  const { loadWeek } = await import('../content/curriculum.js');
  return buildCalendar(plan)
    .phases.filter((p) => phase === undefined || p.number === phase)
    .flatMap((p) => Array.from({ length: p.weeks }, (_, i) => ({ phase: p.number, week: i + 1 })))
    .map((ref) => {
      const w = loadWeek(root, ref.phase, ref.week);
      const materials = MATERIAL_SLOTS.map((slot) => readMaterial(root, slot, ref.phase, ref.week)!);
      return { ...ref, title: w.theory.title, materials, selfCheck: progressOf(ref, w.selfCheck.length, states) };
    });
}

/** Self-check progress per phase, for `roadmap status`. */
export async function selfCheckByPhase(deps: Deps): Promise<Map<number, SelfCheckProgress>> {
  const out = new Map<number, SelfCheckProgress>();
  for (const w of await listWeeks(deps)) {
    const prev = out.get(w.phase) ?? { total: 0, answered: 0, correct: 0 };
    out.set(w.phase, { total: prev.total + w.selfCheck.total, answered: prev.answered + w.selfCheck.answered, correct: prev.correct + w.selfCheck.correct });
  }
  return out;
}

export interface SelfCheckAnswer {
  readonly question: number;
  readonly correct: boolean;
}

export interface SelfCheckRun {
  readonly phase: number;
  readonly week: number;
  readonly items: readonly SelfCheckItem[];
  readonly answers: readonly SelfCheckAnswer[];
  /** The learner stopped before the last question (end of input). */
  readonly stopped: boolean;
}

/**
 * Runs a week's self-check: each question, then (after the learner has answered in their head or on paper)
 * the model answer, then "did you get it?". Every verdict is stored as it is given, so quitting half-way
 * keeps what was answered.
 */
export async function runSelfCheck(deps: Deps, ref: WeekRef, show: (text: string) => void): Promise<SelfCheckRun> {
  await requireWeek(deps, ref);
  const { loadWeek } = await import('../content/curriculum.js');
  const { selfCheck: items } = loadWeek(deps.paths.packageRoot, ref.phase, ref.week);
  const store = await deps.store();
  const answers: SelfCheckAnswer[] = [];
  for (const [i, item] of items.entries()) {
    show(`\nQ${i + 1}/${items.length}. ${item.question}\n`);
    if ((await deps.io.ask('  Answer it yourself, then press Enter to see the model answer. ')) === null) return { ...ref, items, answers, stopped: true };
    show(`  ${item.answer}\n`);
    let verdict: boolean | undefined;
    while (verdict === undefined) {
      const reply = await deps.io.ask('  Did you get it? [y/n] ');
      if (reply === null) return { ...ref, items, answers, stopped: true };
      const r = reply.trim().toLowerCase();
      if (r === 'y' || r === 'yes') verdict = true;
      else if (r === 'n' || r === 'no') verdict = false;
    }
    await store.selfChecks.record(ref.phase, ref.week, i + 1, verdict, deps.clock.now().getTime());
    answers.push({ question: i + 1, correct: verdict });
  }
  if (items.length === 0) throw new RoadmapError(`phase ${ref.phase} week ${ref.week} has no self-check questions`);
  return { ...ref, items, answers, stopped: false };
}

/**
 * The week a command acts on: `--phase`/`--week` when given (week 1 of a named phase by default), else the
 * week of `date`. After the plan has ended there is no current week, so one must be named (usage error).
 */
export async function resolveWeekRef(deps: Deps, date: LocalDate, opts: { readonly phase?: number; readonly week?: number }, example: string): Promise<WeekRef> {
  const { getToday } = await import('./today.js');
  if (opts.week !== undefined && opts.phase === undefined) throw new UsageError(`--week needs --phase, e.g. \`${example} --phase 2 --week 3\``);
  const here = weekOfDay((await getToday(deps, date)).info);
  if (opts.phase === undefined && !here) throw new UsageError(`the plan has ended: name the week, e.g. \`${example} --phase 9 --week 1\``);
  const ref = { phase: opts.phase ?? here!.phase, week: opts.week ?? (opts.phase === undefined ? here!.week : 1) };
  await requireWeek(deps, ref);
  return ref;
}
