/**
 * What the learner should do next, by a fixed order: a forgotten or left-open timer first (its minutes are
 * wrong until logged), then a streak freeze that saves the streak, then today's work for the slot, then the
 * backlog. Pure: the coach gathers the inputs (the next kata, the cards due) and words the steps; `roadmap
 * today` and the TUI home show the same list.
 */
import type { DayInfo } from './calendar.js';
import { addDays, isSunday, monthOf, type LocalDate } from './local-date.js';
import type { StudySlot } from './plan.js';
import type { Projection } from './projection.js';
import type { Runaway } from './session.js';
import { computeStreak, type Streak } from './streak.js';

export type NextStep =
  | { readonly rule: 'runaway'; readonly runaway: Runaway; readonly idleMinutes: number }
  | { readonly rule: 'open-session'; readonly day: LocalDate; readonly minutes: number }
  | { readonly rule: 'freeze'; readonly day: LocalDate; readonly yesterday: boolean; readonly streakSaved: number; readonly freezesLeft: number }
  | { readonly rule: 'start'; readonly minutesLeft: number; readonly resume: boolean }
  | { readonly rule: 'material'; readonly slot: 'theory' | 'code-along' | 'docs'; readonly title: string | null; readonly minutes: number | null }
  | { readonly rule: 'self-check' }
  /** `kata`: the next one, null when every kata from the phase on is passed, undefined when not looked up. */
  | { readonly rule: 'kata'; readonly kata: { readonly id: string; readonly title: string } | null | undefined; readonly phase: number }
  /** `cards`: today's queue, undefined when not counted. */
  | { readonly rule: 'drill'; readonly cards: { readonly reviews: number; readonly learning: number; readonly fresh: number } | undefined }
  | { readonly rule: 'notes' }
  /** `stage`: this week's Saturday stage of the mini-project, when the phase has stages. */
  | { readonly rule: 'verify'; readonly phase: number; readonly miniProject: string; readonly stage: { readonly week: number; readonly title: string } | null }
  | { readonly rule: 'mini-project'; readonly phase: number; readonly miniProject: string }
  | { readonly rule: 'day-complete'; readonly minutes: number }
  | { readonly rule: 'not-started'; readonly startsOn: LocalDate; readonly daysToGo: number; readonly hasProfile: boolean }
  | { readonly rule: 'finished-replan'; readonly remaining: number; readonly total: number; readonly newEnd: LocalDate }
  | { readonly rule: 'new-run'; readonly start: LocalDate; readonly hasProfile: boolean }
  | { readonly rule: 'plan-complete' }
  | { readonly rule: 'replan'; readonly days: number; readonly newEnd: LocalDate; readonly plannedEnd: LocalDate };

export interface NextStepInput {
  readonly today: LocalDate;
  readonly nowMs: number;
  readonly info: DayInfo;
  readonly minutesDone: number;
  readonly minutesLeft: number;
  readonly session: { readonly state: 'running' | 'paused' | 'stopped'; readonly day: LocalDate; readonly minutes: number; readonly runaway: Runaway | null } | null;
  readonly streak: Streak;
  readonly completed: ReadonlySet<LocalDate>;
  readonly frozen: ReadonlySet<LocalDate>;
  readonly freezesPerMonth: number;
  readonly projection: Projection;
  readonly hasProfile: boolean;
  /** The first day of a new run: the coming Monday (today on a Monday). */
  readonly newRunStart: LocalDate;
  /** Monday–Wednesday: the week's document, when it is shipped. */
  readonly material: { readonly title: string; readonly minutes: number } | null;
  /** Thursday: the next kata not passed of the learner's phase (null: all passed; undefined: not looked up). */
  readonly kata?: { readonly id: string; readonly title: string } | null;
  /** Friday: today's queue (reviews and learning cards due, new cards under the daily limit; undefined: not counted). */
  readonly cards?: { readonly reviews: number; readonly learning: number; readonly fresh: number };
  /** Saturday: the phase has a `roadmap verify` of its own. */
  readonly verifiable: boolean;
  /** Saturday: this week's stage of the mini-project (null when the phase has none). */
  readonly stage?: { readonly week: number; readonly title: string } | null;
  readonly miniProject: string | null;
}

/** The latest Mon–Sat date before `today`. */
function lastStudyDate(today: LocalDate): LocalDate {
  const d = addDays(today, -1);
  return isSunday(d) ? addDays(d, -1) : d;
}

/**
 * A streak freeze worth spending: the last study date before today was missed (it is in the backlog and not
 * frozen), the month still has a freeze, and freezing it keeps a longer streak than not.
 */
function freezeStep(input: NextStepInput): NextStep | null {
  const day = lastStudyDate(input.today);
  if (!input.projection.backlog.dates.includes(day) || input.frozen.has(day)) return null;
  const used = [...input.frozen].filter((d) => monthOf(d) === monthOf(day)).length;
  if (used >= input.freezesPerMonth) return null;
  const frozen = new Set([...input.frozen, day]);
  const saved = computeStreak({ today: input.today, completed: input.completed, frozen }).current;
  if (saved <= input.streak.current) return null;
  return { rule: 'freeze', day, yesterday: day === addDays(input.today, -1), streakSaved: saved, freezesLeft: input.freezesPerMonth - used };
}

function workSteps(input: NextStepInput): NextStep[] {
  const { info, projection } = input;
  if (info.kind === 'not-started') return [{ rule: 'not-started', startsOn: info.startsOn, daysToGo: info.daysToGo, hasProfile: input.hasProfile }];
  if (info.kind === 'finished') {
    if (projection.remaining === 0) return [{ rule: 'plan-complete' }];
    const steps: NextStep[] = [];
    if (projection.backlog.days > 0) steps.push({ rule: 'finished-replan', remaining: projection.remaining, total: projection.total, newEnd: projection.projectedEnd });
    steps.push({ rule: 'new-run', start: input.newRunStart, hasProfile: input.hasProfile });
    return steps;
  }
  // A rest day asks for nothing: `today` and the home screen already say it is one.
  if (info.kind === 'rest') return [];
  // A forgotten timer's minutes are provisional: the day is not "complete" until they are logged.
  if (input.minutesLeft <= 0) return input.session?.runaway ? [] : [{ rule: 'day-complete', minutes: input.minutesDone }];
  const steps: NextStep[] = [];
  const running = input.session?.day === input.today && input.session.state === 'running';
  if (!running) steps.push({ rule: 'start', minutesLeft: input.minutesLeft, resume: input.session?.day === input.today && input.session.state === 'paused' });
  const slot: StudySlot = info.slot;
  switch (slot) {
    case 'theory':
    case 'code-along':
    case 'docs':
      steps.push({ rule: 'material', slot, title: input.material?.title ?? null, minutes: input.material?.minutes ?? null });
      if (slot === 'theory') steps.push({ rule: 'self-check' });
      break;
    case 'katas':
      steps.push({ rule: 'kata', kata: input.kata, phase: info.phase });
      break;
    case 'flashcards':
      steps.push({ rule: 'drill', cards: input.cards }, { rule: 'notes' });
      break;
    case 'mini-project':
      steps.push(input.verifiable ? { rule: 'verify', phase: info.phase, miniProject: input.miniProject ?? '', stage: input.stage ?? null } : { rule: 'mini-project', phase: info.phase, miniProject: input.miniProject ?? '' });
      break;
  }
  return steps;
}

/** The steps to show under "Next", most urgent first (see the module comment for the order). */
export function nextSteps(input: NextStepInput): NextStep[] {
  const steps: NextStep[] = [];
  const s = input.session;
  if (s?.runaway) steps.push({ rule: 'runaway', runaway: s.runaway, idleMinutes: Math.max(0, (input.nowMs - s.runaway.idleSinceMs) / 60_000) });
  else if (s && s.day < input.today) steps.push({ rule: 'open-session', day: s.day, minutes: s.minutes });
  const freeze = freezeStep(input);
  if (freeze) steps.push(freeze);
  steps.push(...workSteps(input));
  const { backlog } = input.projection;
  if (backlog.days > 0 && input.info.kind !== 'finished') {
    steps.push({ rule: 'replan', days: backlog.days, newEnd: input.projection.projectedEnd, plannedEnd: input.projection.plannedEnd });
  }
  return steps;
}
