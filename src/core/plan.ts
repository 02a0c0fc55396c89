import type { LocalDate, Weekday } from './local-date.js';

/** The six study slots of the week, plus Sunday's rest. */
export const SLOTS = ['theory', 'code-along', 'docs', 'katas', 'flashcards', 'mini-project', 'rest'] as const;
export type Slot = (typeof SLOTS)[number];
export type StudySlot = Exclude<Slot, 'rest'>;

/** A time-box inside a slot's session, e.g. "5 min of warm-up cards". */
export interface TimeBox {
  readonly title: string;
  readonly minutes: number;
}

export interface SlotSpec {
  readonly slot: Slot;
  readonly title: string;
  readonly summary: string;
  /** How the daily minutes are split in this slot; minutes are relative and scaled to the daily target. */
  readonly boxes: readonly TimeBox[];
}

export interface Task {
  readonly id: string;
  readonly title: string;
  /** Slots in which the learner works on this task. */
  readonly slots: readonly StudySlot[];
}

export interface Criterion {
  readonly id: string;
  readonly title: string;
}

/**
 * One Saturday's step of a phase's mini-project (CodeCrafters-style): what to build in 25 minutes and the
 * verifier's checks that prove it. Stage K belongs to week K of the phase; `verify --stage K` runs 1..K.
 */
export interface Stage {
  readonly id: string;
  readonly week: number;
  readonly title: string;
  /** What to build, sized to one Saturday (25 minutes). */
  readonly build: string;
  /** The phase verifier's stage checks that prove it (ids local to the verifier). */
  readonly checks: readonly string[];
}

export interface Phase {
  readonly number: number;
  readonly title: string;
  readonly focus: string;
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly miniProject: string;
  readonly goal: string;
  readonly tasks: readonly Task[];
  readonly criteria: readonly Criterion[];
  /** The mini-project's Saturday stages, one per week of the phase (empty until the phase has a verifier). */
  readonly stages: readonly Stage[];
}

export interface Plan {
  readonly title: string;
  readonly dailyMinutes: number;
  /** Study days in a phase week; with a Mon–Sat cycle, six consecutive study days hold each slot once. */
  readonly weekLength: number;
  readonly week: Readonly<Record<Weekday, SlotSpec>>;
  readonly phases: readonly Phase[];
}

export function findPhase(plan: Plan, number: number): Phase | undefined {
  return plan.phases.find((p) => p.number === number);
}

export function allTasks(plan: Plan): readonly (Task & { readonly phase: number })[] {
  return plan.phases.flatMap((p) => p.tasks.map((t) => ({ ...t, phase: p.number })));
}

export function allCriteria(plan: Plan): readonly (Criterion & { readonly phase: number })[] {
  return plan.phases.flatMap((p) => p.criteria.map((c) => ({ ...c, phase: p.number })));
}
