import type { LocalDate } from './local-date.js';

/** A forgotten session (left running overnight) never logs more than this. */
export const MAX_SESSION_MINUTES = 180;

/**
 * An open session counts as forgotten once it has run this many times its target with nothing recorded for a
 * whole target's length: a real 30-minute study day rarely runs past an hour without a review, a kata check
 * or a checked task, while a timer left running overnight always does.
 */
export const RUNAWAY_FACTOR = 2;

/** One study session as the store keeps it; times are epoch milliseconds. */
export interface SessionRecord {
  readonly id: number;
  readonly day: LocalDate;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly pausedAt: number | null;
  readonly pausedMs: number;
  readonly targetMinutes: number;
}

export type SessionState = 'running' | 'paused' | 'stopped';

export function sessionState(s: SessionRecord): SessionState {
  if (s.endedAt !== null) return 'stopped';
  return s.pausedAt !== null ? 'paused' : 'running';
}

/** Wall time less pauses, in minutes, at `nowMs` (or at its end), before any cap. */
export function rawSessionMinutes(s: SessionRecord, nowMs: number): number {
  const end = s.endedAt ?? nowMs;
  const pausedNow = s.pausedAt !== null ? Math.max(0, end - s.pausedAt) : 0;
  return Math.max(0, end - s.startedAt - s.pausedMs - pausedNow) / 60_000;
}

/** Minutes of study in a session at `nowMs` (or at its end): wall time less pauses, capped. */
export function sessionMinutes(s: SessionRecord, nowMs: number): number {
  return Math.min(rawSessionMinutes(s, nowMs), MAX_SESSION_MINUTES);
}

/** An open session that has run far past its target with nothing recorded: its real minutes are unknown. */
export interface Runaway {
  readonly sessionId: number;
  readonly day: LocalDate;
  /** What the timer shows (wall time less pauses, uncapped). */
  readonly ranMinutes: number;
  /** What progress counts until the learner says otherwise: the day's target. */
  readonly countedMinutes: number;
  /** The last thing roadmap recorded during the session (a review, a check...), or its start. */
  readonly idleSinceMs: number;
}

/**
 * Whether the open session `s` is a forgotten timer at `nowMs`: over RUNAWAY_FACTOR × its target, and no
 * activity (`lastActivityMs`, the latest thing recorded by then) for a whole target's length. A closed
 * session is never one: its minutes are what the learner logged.
 */
export function runawayOf(s: SessionRecord, nowMs: number, lastActivityMs: number | null): Runaway | null {
  if (s.endedAt !== null) return null;
  const ranMinutes = rawSessionMinutes(s, nowMs);
  if (ranMinutes <= RUNAWAY_FACTOR * s.targetMinutes) return null;
  const idleSinceMs = lastActivityMs !== null && lastActivityMs > s.startedAt && lastActivityMs <= nowMs ? lastActivityMs : s.startedAt;
  const until = s.pausedAt ?? nowMs;
  if (until - idleSinceMs <= s.targetMinutes * 60_000) return null;
  return { sessionId: s.id, day: s.day, ranMinutes, countedMinutes: s.targetMinutes, idleSinceMs };
}

/**
 * The end time that makes an open session log exactly `minutes`, its past pauses kept: what `stop --minutes`
 * records. For up to the minutes the timer shows it falls before the pause (or now), so nothing is invented.
 */
export function endForMinutes(s: SessionRecord, minutes: number): number {
  return s.startedAt + s.pausedMs + Math.round(minutes * 60_000);
}

export interface DayMinutes {
  readonly day: LocalDate;
  readonly minutes: number;
  readonly target: number;
  readonly completed: boolean;
}

/**
 * Minutes per day across sessions; a day is completed when its minutes reach the target it was started with.
 * A runaway session counts its `countedMinutes`, not what its timer shows.
 */
export function minutesByDay(sessions: readonly SessionRecord[], nowMs: number, runaway: Runaway | null = null): Map<LocalDate, DayMinutes> {
  const out = new Map<LocalDate, DayMinutes>();
  for (const s of sessions) {
    const prev = out.get(s.day);
    const own = runaway && runaway.sessionId === s.id ? runaway.countedMinutes : sessionMinutes(s, nowMs);
    const minutes = (prev?.minutes ?? 0) + own;
    const target = Math.max(prev?.target ?? 0, s.targetMinutes);
    out.set(s.day, { day: s.day, minutes, target, completed: minutes >= target });
  }
  return out;
}

/** The set of days whose sessions reached their target. */
export function completedDays(sessions: readonly SessionRecord[], nowMs: number, runaway: Runaway | null = null): Set<LocalDate> {
  const done = new Set<LocalDate>();
  for (const d of minutesByDay(sessions, nowMs, runaway).values()) if (d.completed) done.add(d.day);
  return done;
}
