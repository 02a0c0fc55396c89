/**
 * A local calendar date as `YYYY-MM-DD`. The plan is a calendar of days, not instants, so every date in the
 * domain is one of these; converting an instant to the learner's local date happens in `system/clock.ts`.
 * Arithmetic runs on UTC midnights, which have no daylight-saving gaps.
 */
export type LocalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2025-02-30; returns undefined when invalid. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = DATE_RE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return fromUtcMs(t);
}

export function isLocalDate(text: string): boolean {
  return parseLocalDate(text) === text;
}

function toUtcMs(date: LocalDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a local date: ${JSON.stringify(date)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtcMs(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(toUtcMs(date)).getUTCDay()]!;
}

export function isSunday(date: LocalDate): boolean {
  return weekdayOf(date) === 'sun';
}

/** `YYYY-MM` of a date: the unit streak freezes are counted in. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/** The Monday of the week (Mon–Sun) that holds `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  const dow = new Date(toUtcMs(date)).getUTCDay();
  return addDays(date, dow === 0 ? -6 : 1 - dow);
}

/** The Monday on or after `date`: the day a new run of the plan starts by default (a plan starts a week). */
export function comingMonday(date: LocalDate): LocalDate {
  const dow = new Date(toUtcMs(date)).getUTCDay();
  return addDays(date, (8 - dow) % 7);
}

/** "6 h 10 min", "45 min": a length of time for people. */
export function formatDuration(minutes: number): string {
  const m = Math.floor(minutes + 1e-9);
  const h = Math.floor(m / 60);
  if (h === 0) return `${m} min`;
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "Thu 12 Jun 2025" — for people, not for parsing (fixed English names: stable across ICU versions). */
export function formatLongDate(date: LocalDate): string {
  const d = new Date(toUtcMs(date));
  return `${WEEKDAY_NAMES[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const FULL_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** "Monday 7 Dec 2026": a date in a sentence that announces it. */
export function formatFullDate(date: LocalDate): string {
  const d = new Date(toUtcMs(date));
  return `${FULL_WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "12 Jun" — short form for tables. */
export function formatShortDate(date: LocalDate): string {
  const d = new Date(toUtcMs(date));
  return `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]}`;
}
