import { addDays, isSunday, type LocalDate } from './local-date.js';

export interface StreakInput {
  readonly today: LocalDate;
  /** Days whose sessions reached the daily target. */
  readonly completed: ReadonlySet<LocalDate>;
  /** Days the learner spent a streak freeze on. */
  readonly frozen: ReadonlySet<LocalDate>;
}

export interface Streak {
  /** Consecutive completed study days up to today (or yesterday, while today is still open). */
  readonly current: number;
  readonly longest: number;
  /** Today is a study day, not yet completed, and the streak is alive: finishing today keeps it going. */
  readonly atRisk: boolean;
  readonly todayDone: boolean;
}

type DayVerdict = 'count' | 'bridge' | 'break';

function verdict(day: LocalDate, input: StreakInput): DayVerdict {
  if (input.completed.has(day)) return 'count';
  if (isSunday(day) || input.frozen.has(day)) return 'bridge';
  return 'break';
}

/**
 * Counts the streak: consecutive Mon–Sat days with a completed session. Sundays never break it, and neither
 * does a day with a streak freeze (it bridges the gap without adding to the count). Today only adds when it
 * is completed; an unfinished today does not break the streak yet.
 */
export function computeStreak(input: StreakInput): Streak {
  const marks = [...input.completed, ...input.frozen].filter((d) => d <= input.today).sort();
  const todayDone = input.completed.has(input.today);
  if (marks.length === 0) return { current: 0, longest: 0, atRisk: false, todayDone };
  const earliest = marks[0]!;

  let current = 0;
  let day = todayDone ? input.today : addDays(input.today, -1);
  for (; day >= earliest; day = addDays(day, -1)) {
    const v = verdict(day, input);
    if (v === 'break') break;
    if (v === 'count') current++;
  }

  let longest = 0;
  let run = 0;
  for (let d = earliest; d <= input.today; d = addDays(d, 1)) {
    const v = d === input.today && !todayDone ? 'bridge' : verdict(d, input);
    if (v === 'count') longest = Math.max(longest, ++run);
    else if (v === 'break') run = 0;
  }
  const atRisk = !todayDone && !isSunday(input.today) && !input.frozen.has(input.today) && current > 0;
  return { current, longest, atRisk, todayDone };
}
