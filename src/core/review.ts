/**
 * The weekly review: what was done this Mon–Sun week against the plan, what slipped, and one concrete suggestion
 * drawn from the data (the most pressing first). Pure: the engine gathers the inputs.
 */
import { formatLongDate, type LocalDate } from './local-date.js';

export interface ReviewInput {
  readonly today: LocalDate;
  readonly monday: LocalDate;
  readonly sunday: LocalDate;
  /** The plan's study days in this week (after replanning). */
  readonly plannedDays: readonly LocalDate[];
  readonly completed: ReadonlySet<LocalDate>;
  readonly minutesThisWeek: number;
  readonly dailyTarget: number;
  /** Missed study days owed since tracking began, and the phase the learner is in. */
  readonly backlogDays: number;
  readonly phase: number | null;
  readonly cards: { readonly dueToday: number; readonly trueRetention: number | null; readonly retentionReviews: number; readonly newPerDay: number };
  readonly reviewsThisWeek: number;
  readonly katasPassedThisWeek: readonly string[];
  /** Katas started and not passed, with their failed checks. */
  readonly katasStuck: readonly { readonly id: string; readonly attempts: number }[];
  readonly tasksCheckedThisWeek: readonly string[];
  /** Criteria of reached phases whose latest run of the learner's project failed, with the first reason. */
  readonly criteriaFailing: readonly { readonly id: string; readonly phase: number; readonly reason: string }[];
  readonly streak: { readonly current: number; readonly atRisk: boolean };
  /**
   * Where the plan stands: its dates all past (`ended`), or not begun (`startsOn`); study days left of the
   * total, and the day a new run would start (the coming Monday).
   */
  readonly plan?: { readonly ended: boolean; readonly startsOn: LocalDate | null; readonly remaining: number; readonly total: number; readonly newRunStart: LocalDate };
}

export interface Suggestion {
  readonly text: string;
  /** The command that acts on it, when there is one. */
  readonly command: string | null;
  /** Which rule produced it (stable, for tests and JSON consumers). */
  readonly rule: 'plan-complete' | 'plan-ended' | 'backlog' | 'cards-backlog' | 'retention' | 'criterion' | 'kata-stuck' | 'streak' | 'on-track' | 'not-started' | 'start';
}

export interface WeeklyReview {
  readonly monday: LocalDate;
  readonly sunday: LocalDate;
  readonly planned: number;
  /** Planned days up to today. */
  readonly due: number;
  readonly done: number;
  readonly minutes: number;
  readonly targetMinutes: number;
  /** Planned days before today without a completed session. */
  readonly slipped: readonly LocalDate[];
  readonly reviews: number;
  readonly katasPassed: readonly string[];
  readonly tasksChecked: readonly string[];
  readonly suggestion: Suggestion;
}

/** Card backlog above which new cards should be capped, and the cap suggested. */
export const CARDS_BACKLOG = 100;
export const NEW_CARDS_CAP = 10;
const BEHIND_DAYS = 3;
const LOW_RETENTION = 0.8;
const MIN_RETENTION_REVIEWS = 20;
const STUCK_ATTEMPTS = 5;

/** The single most useful next step, by a fixed order of urgency. */
export function suggest(input: ReviewInput): Suggestion {
  const { cards, plan } = input;
  // Once the plan's dates are past, "N days behind" means nothing: say what is left and how to go on.
  if (plan?.ended) {
    if (plan.remaining === 0) return { rule: 'plan-complete', text: 'every study day of the plan is done: publish your portfolio.', command: 'roadmap report --format html --open' };
    if (input.backlogDays > 0) {
      return { rule: 'plan-ended', text: `the plan's dates are past with ${plan.remaining} of ${plan.total} study days to do: replan lays them from today.`, command: 'roadmap replan' };
    }
    return {
      rule: 'plan-ended',
      text: `the plan's dates are past: start a new run on ${formatLongDate(plan.newRunStart)} (your history is kept).`,
      command: `roadmap init --start ${plan.newRunStart} --force`,
    };
  }
  if (input.backlogDays >= BEHIND_DAYS) {
    const where = input.phase === null ? 'the plan' : `phase ${input.phase}`;
    return { rule: 'backlog', text: `${where} is ${input.backlogDays} study days behind: shift the rest of the plan past the missed days.`, command: 'roadmap replan' };
  }
  if (cards.dueToday >= CARDS_BACKLOG && cards.newPerDay > NEW_CARDS_CAP) {
    return {
      rule: 'cards-backlog',
      text: `cards backlog is ${cards.dueToday}: cap new cards at ${NEW_CARDS_CAP} a day this week and clear the reviews first.`,
      command: `roadmap cards config --new-per-day ${NEW_CARDS_CAP}`,
    };
  }
  if (cards.trueRetention !== null && cards.retentionReviews >= MIN_RETENTION_REVIEWS && cards.trueRetention < LOW_RETENTION) {
    return {
      rule: 'retention',
      text: `true retention is ${Math.round(cards.trueRetention * 100)}% (target 90%): fewer new cards, and rewrite the cards you keep failing in your own words.`,
      command: `roadmap cards config --new-per-day ${Math.max(5, Math.min(NEW_CARDS_CAP, cards.newPerDay - 5))}`,
    };
  }
  const failing = input.criteriaFailing[0];
  if (failing) return { rule: 'criterion', text: `${failing.id} does not hold yet: ${failing.reason}`, command: `roadmap verify phase-${failing.phase}` };
  const stuck = [...input.katasStuck].sort((a, b) => b.attempts - a.attempts)[0];
  if (stuck && stuck.attempts >= STUCK_ATTEMPTS) {
    return { rule: 'kata-stuck', text: `kata ${stuck.id} has ${stuck.attempts} failed checks: take the next hint instead of another try.`, command: `roadmap kata hint ${stuck.id}` };
  }
  if (input.streak.atRisk) return { rule: 'streak', text: `your ${input.streak.current}-day streak ends tonight without a session.`, command: 'roadmap start' };
  if (plan?.startsOn) return { rule: 'not-started', text: `your plan starts ${formatLongDate(plan.startsOn)}: come back then, or begin today.`, command: 'roadmap init --start today --force' };
  if (input.completed.size === 0 && input.streak.current === 0) return { rule: 'start', text: `no study day completed yet: ${input.dailyTarget} minutes today starts the streak.`, command: 'roadmap today' };
  return { rule: 'on-track', text: 'on track: keep the daily 30 minutes.', command: null };
}

export function weeklyReview(input: ReviewInput): WeeklyReview {
  const dueDays = input.plannedDays.filter((d) => d <= input.today);
  const slipped = input.plannedDays.filter((d) => d < input.today && !input.completed.has(d));
  return {
    monday: input.monday,
    sunday: input.sunday,
    planned: input.plannedDays.length,
    due: dueDays.length,
    done: input.plannedDays.filter((d) => input.completed.has(d)).length,
    minutes: Math.round(input.minutesThisWeek),
    targetMinutes: input.plannedDays.length * input.dailyTarget,
    slipped,
    reviews: input.reviewsThisWeek,
    katasPassed: input.katasPassedThisWeek,
    tasksChecked: input.tasksCheckedThisWeek,
    suggestion: suggest(input),
  };
}
