import type { LocalDate } from '../core/local-date.js';
import type { Env } from './env.js';

export interface Clock {
  now(): Date;
}

/** The learner's local calendar date of an instant (their time zone, not UTC). */
export function localDateOf(instant: Date): LocalDate {
  const y = instant.getFullYear();
  const m = String(instant.getMonth() + 1).padStart(2, '0');
  const d = String(instant.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function fixedClock(instant: Date | string): Clock {
  const t = new Date(instant).getTime();
  if (Number.isNaN(t)) throw new Error(`not an instant: ${String(instant)}`);
  return { now: () => new Date(t) };
}

/**
 * The real clock, unless `ROADMAP_NOW` pins it (an ISO instant such as 2025-06-12T09:00:00): end-to-end tests
 * and scripted demos run the built binary at a known time.
 */
export function systemClock(env: Env): Clock {
  const pinned = env.ROADMAP_NOW;
  if (pinned) return fixedClock(pinned);
  return { now: () => new Date() };
}

/** Epoch ms of the local midnight that ends `date` (the learner's "end of today"). */
export function endOfLocalDay(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}
