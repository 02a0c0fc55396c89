import type { LocalDate } from './local-date.js';

/** A forgotten session (left running overnight) never logs more than this. */
export const MAX_SESSION_MINUTES = 180;

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

/** Minutes of study in a session at `nowMs` (or at its end): wall time less pauses, capped. */
export function sessionMinutes(s: SessionRecord, nowMs: number): number {
  const end = s.endedAt ?? nowMs;
  const pausedNow = s.pausedAt !== null ? Math.max(0, end - s.pausedAt) : 0;
  const ms = Math.max(0, end - s.startedAt - s.pausedMs - pausedNow);
  return Math.min(ms / 60_000, MAX_SESSION_MINUTES);
}

export interface DayMinutes {
  readonly day: LocalDate;
  readonly minutes: number;
  readonly target: number;
  readonly completed: boolean;
}

/** Minutes per day across sessions; a day is completed when its minutes reach the target it was started with. */
export function minutesByDay(sessions: readonly SessionRecord[], nowMs: number): Map<LocalDate, DayMinutes> {
  const out = new Map<LocalDate, DayMinutes>();
  for (const s of sessions) {
    const prev = out.get(s.day);
    const minutes = (prev?.minutes ?? 0) + sessionMinutes(s, nowMs);
    const target = Math.max(prev?.target ?? 0, s.targetMinutes);
    out.set(s.day, { day: s.day, minutes, target, completed: minutes >= target });
  }
  return out;
}

/** The set of days whose sessions reached their target. */
export function completedDays(sessions: readonly SessionRecord[], nowMs: number): Set<LocalDate> {
  const done = new Set<LocalDate>();
  for (const d of minutesByDay(sessions, nowMs).values()) if (d.completed) done.add(d.day);
  return done;
}
