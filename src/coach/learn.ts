import type { DayInfo } from '../core/calendar.js';
import type { LocalDate } from '../core/local-date.js';
import { buildCalendar } from '../core/calendar.js';
import type { SelfCheckItem } from '../content/curriculum.js';
import { MATERIAL_SLOTS, requireMaterial, type Material } from '../content/material.js';
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
  const weeks = buildCalendar(plan)
    .phases.filter((p) => phase === undefined || p.number === phase)
    .flatMap((p) => Array.from({ length: p.weeks }, (_, i) => ({ phase: p.number, week: i + 1 })))
    .map(async (ref) => {
      const w = loadWeek(root, ref.phase, ref.week);
      const materials = await Promise.all(MATERIAL_SLOTS.map((slot) => requireMaterial(root, slot, ref.phase, ref.week)));
      return { ...ref, title: w.theory.title, materials, selfCheck: progressOf(ref, w.selfCheck.length, states) };
    });
  return Promise.all(weeks);
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
  /** The answers given in this run. */
  readonly answers: readonly SelfCheckAnswer[];
  /** The current round's answers from earlier runs (the questions before `from`). */
  readonly earlier: readonly SelfCheckAnswer[];
  /** The 1-based question this run started at: the first one unanswered in the current round, or 1 for a new round. */
  readonly from: number;
  /** The learner stopped before the last question (end of input). */
  readonly stopped: boolean;
}

/**
 * Runs a week's self-check: each question, then (after the learner has answered in their head or on paper)
 * the model answer, then "did you get it?" (a single key on a terminal). Every verdict is stored as it is
 * given, so quitting half-way keeps what was answered, and the next run resumes at the first question not
 * answered yet in this round; once every question has been answered, the next run starts a new round at Q1.
 */
export async function runSelfCheck(deps: Deps, ref: WeekRef, show: (text: string) => void): Promise<SelfCheckRun> {
  await requireWeek(deps, ref);
  const { loadWeek } = await import('../content/curriculum.js');
  const { selfCheck: items } = loadWeek(deps.paths.packageRoot, ref.phase, ref.week);
  if (items.length === 0) throw new RoadmapError(`phase ${ref.phase} week ${ref.week} has no self-check questions`);
  const store = await deps.store();
  const stored = (await store.selfChecks.states()).filter((s) => s.phase === ref.phase && s.week === ref.week && s.question <= items.length);
  // A round asks every question once; a question's attempts say how many rounds it was in. The current round
  // is the highest count: questions below it are still open in this round (all of them on the first run).
  const attempts = new Map(stored.map((s) => [s.question, s.attempts]));
  const round = Math.max(0, ...attempts.values());
  const firstOpen = items.findIndex((_, i) => (attempts.get(i + 1) ?? 0) < round);
  const start = round === 0 || firstOpen < 0 ? 0 : firstOpen;
  // Answers before the starting question belong to this round and stay; from it on, this run answers.
  const earlier = stored.filter((s) => s.question <= start).map((s) => ({ question: s.question, correct: s.correct })).sort((a, b) => a.question - b.question);
  const answers: SelfCheckAnswer[] = [];
  const result = (stopped: boolean): SelfCheckRun => ({ ...ref, items, answers, earlier, from: start + 1, stopped });
  if (start > 0) show(`Resuming at Q${start + 1}: ${earlier.length} of ${items.length} already answered.\n`);
  else if (round > 0) show('Every question has an answer: a new round from Q1 (your latest answers count).\n');
  for (let i = start; i < items.length; i++) {
    const item = items[i]!;
    show(`\nQ${i + 1}/${items.length}. ${item.question}\n`);
    if ((await deps.io.ask('  Answer it yourself, then press Enter to see the model answer. ')) === null) return result(true);
    show(`  ${item.answer}\n`);
    let verdict: boolean | undefined;
    while (verdict === undefined) {
      const reply = await deps.io.readKey('  Did you get it? [y/n] ');
      if (reply === null) return result(true);
      const r = reply.trim().toLowerCase();
      if (r === 'y' || r === 'yes') verdict = true;
      else if (r === 'n' || r === 'no') verdict = false;
    }
    await store.selfChecks.record(ref.phase, ref.week, i + 1, verdict, deps.clock.now().getTime());
    answers.push({ question: i + 1, correct: verdict });
  }
  return result(false);
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
