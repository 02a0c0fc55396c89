import type { LocalDate } from '../core/local-date.js';
import { minutesByDay, sessionMinutes, MAX_SESSION_MINUTES, type SessionRecord } from '../core/session.js';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { loadContext } from './context.js';

export interface SessionReport {
  readonly session: SessionRecord;
  /** Minutes of this session so far (or in all, once stopped). */
  readonly minutes: number;
  /** Minutes of every session of the session's day. */
  readonly dayMinutes: number;
  readonly target: number;
  readonly dayCompleted: boolean;
  /** The session hit the cap for a forgotten timer. */
  readonly capped: boolean;
}

async function report(deps: Deps, session: SessionRecord, nowMs: number): Promise<SessionReport> {
  const store = await deps.store();
  const all = await store.sessions.all();
  const day = minutesByDay(all, nowMs).get(session.day);
  const minutes = sessionMinutes(session, nowMs);
  return {
    session,
    minutes,
    dayMinutes: day?.minutes ?? minutes,
    target: day?.target ?? session.targetMinutes,
    dayCompleted: day?.completed ?? false,
    capped: minutes >= MAX_SESSION_MINUTES,
  };
}

export type StartResult =
  | (SessionReport & { readonly outcome: 'started'; readonly closedStale: SessionReport | null })
  | (SessionReport & { readonly outcome: 'resumed' | 'already-running' });

/**
 * Starts the session for `day`. The start time is committed before this returns, so a crash or a second
 * terminal resumes the same session; a paused session is resumed; an open session left from an earlier
 * day is closed first (its minutes capped at MAX_SESSION_MINUTES).
 */
export async function startSession(deps: Deps, day: LocalDate): Promise<StartResult> {
  const ctx = await loadContext(deps, day);
  const outcome = await ctx.store.sessions.start(day, ctx.nowMs, ctx.minutesTarget);
  const base = await report(deps, outcome.session, ctx.nowMs);
  if (outcome.kind === 'started') {
    const closedStale = outcome.closedStale ? await report(deps, outcome.closedStale, ctx.nowMs) : null;
    return { ...base, outcome: 'started', closedStale };
  }
  return { ...base, outcome: outcome.kind };
}

/** Pauses the running session; the paused time is not counted. */
export async function pauseSession(deps: Deps): Promise<SessionReport> {
  const store = await deps.store();
  const nowMs = deps.clock.now().getTime();
  const paused = await store.sessions.pause(nowMs);
  if (!paused) {
    const open = await store.sessions.open();
    throw new RoadmapError(open ? 'the session is already paused; `roadmap start` resumes it' : 'no session is running; start one with `roadmap start`');
  }
  return report(deps, paused, nowMs);
}

/** Ends the open session and logs its minutes against its day. */
export async function stopSession(deps: Deps): Promise<SessionReport> {
  const store = await deps.store();
  const nowMs = deps.clock.now().getTime();
  const stopped = await store.sessions.stop(nowMs);
  if (!stopped) throw new RoadmapError('no session is running; start one with `roadmap start`');
  return report(deps, stopped, nowMs);
}
