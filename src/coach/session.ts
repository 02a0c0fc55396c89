import type { LocalDate } from '../core/local-date.js';
import { endForMinutes, MAX_SESSION_MINUTES, minutesByDay, rawSessionMinutes, sessionMinutes, type Runaway, type SessionRecord } from '../core/session.js';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import { findRunaway, loadContext } from './context.js';

export interface SessionReport {
  readonly session: SessionRecord;
  /** Minutes of this session so far (or in all, once stopped). */
  readonly minutes: number;
  /** What its timer ran (wall time less pauses, uncapped). */
  readonly ranMinutes: number;
  /** Minutes of every session of the session's day. */
  readonly dayMinutes: number;
  readonly target: number;
  readonly dayCompleted: boolean;
  /** Fewer minutes were logged than the timer ran: a forgotten timer capped, or a figure the learner gave. */
  readonly capped: boolean;
}

/** `ran`: what the timer showed before it was closed with a figure of its own (default: its own minutes). */
async function report(deps: Deps, session: SessionRecord, nowMs: number, ran?: number): Promise<SessionReport> {
  const store = await deps.store();
  const all = await store.sessions.all();
  const day = minutesByDay(all, nowMs).get(session.day);
  const minutes = sessionMinutes(session, nowMs);
  const ranMinutes = ran ?? rawSessionMinutes(session, session.endedAt ?? nowMs);
  return {
    session,
    minutes,
    ranMinutes,
    dayMinutes: day?.minutes ?? minutes,
    target: day?.target ?? session.targetMinutes,
    dayCompleted: day?.completed ?? false,
    capped: minutes >= MAX_SESSION_MINUTES || (session.endedAt !== null && minutes < ranMinutes - 1 / 60),
  };
}

/**
 * The open session when it is a forgotten timer (over twice its target with nothing recorded for a target's
 * length): `start` and `stop` must know how many minutes to log for it before they close it.
 */
export async function openRunaway(deps: Deps): Promise<Runaway | null> {
  const store = await deps.store();
  const open = await store.sessions.open();
  return open ? findRunaway(store, [open], deps.clock.now().getTime()) : null;
}

/** The most a session can log at `nowMs`: what its timer shows, and never over MAX_SESSION_MINUTES. */
function loggableMinutes(open: SessionRecord, nowMs: number): number {
  return Math.min(Math.floor(rawSessionMinutes(open, nowMs) + 1e-9), MAX_SESSION_MINUTES);
}

/** Checks a figure of minutes to log for `open`: a whole number from 0 to what its timer shows. */
function checkMinutes(open: SessionRecord, minutes: number, nowMs: number): void {
  const most = loggableMinutes(open, nowMs);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > most) {
    const ran = Math.floor(rawSessionMinutes(open, nowMs) + 1e-9);
    const why = ran > MAX_SESSION_MINUTES ? `a session logs at most ${MAX_SESSION_MINUTES} min` : `the timer has run ${ran} min`;
    throw new UsageError(`bad --minutes ${minutes}: ${why}, so log a whole number from 0 to ${most}`);
  }
}

/** Closes the open session so that it logs exactly `minutes` (its pauses kept), and reports it. */
async function closeWith(deps: Deps, open: SessionRecord, minutes: number, nowMs: number): Promise<SessionReport> {
  checkMinutes(open, minutes, nowMs);
  const stopped = await (await deps.store()).sessions.stop(Math.min(nowMs, endForMinutes(open, minutes)));
  if (!stopped) throw new RoadmapError('no session is running; start one with `roadmap start`');
  return report(deps, stopped, nowMs, rawSessionMinutes(open, nowMs));
}

export type StartResult =
  | (SessionReport & { readonly outcome: 'started'; readonly closedStale: SessionReport | null })
  | (SessionReport & { readonly outcome: 'resumed' | 'already-running' });

export interface StartOptions {
  /** Minutes to log for an open forgotten timer before starting (default: its day's target). */
  readonly runawayMinutes?: number;
}

/**
 * Starts the session for `day`. The start time is committed before this returns, so a crash or a second
 * terminal resumes the same session; a paused session of the same day is resumed. A session left open from
 * an earlier day is closed first with what it holds (a pause stops its minutes); a forgotten timer — of any
 * day — is closed with `runawayMinutes`, by default its target, never with the hours its clock ran.
 *
 * A paused session therefore resumes only on its own day: a study day's minutes count for that day (and
 * its streak), so a session paused at night and "resumed" the next morning would credit the wrong day.
 */
export async function startSession(deps: Deps, day: LocalDate, options: StartOptions = {}): Promise<StartResult> {
  const ctx = await loadContext(deps, day);
  const open = await ctx.store.sessions.open();
  const runaway = open ? await findRunaway(ctx.store, [open], ctx.nowMs) : null;
  let closedRunaway: SessionReport | null = null;
  if (open && runaway) closedRunaway = await closeWith(deps, open, options.runawayMinutes ?? runaway.countedMinutes, ctx.nowMs);
  const outcome = await ctx.store.sessions.start(day, ctx.nowMs, ctx.minutesTarget);
  const base = await report(deps, outcome.session, ctx.nowMs);
  if (outcome.kind === 'started') {
    const closedStale = outcome.closedStale ? await report(deps, outcome.closedStale, ctx.nowMs) : closedRunaway;
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

export interface StopOptions {
  /** Log exactly this many minutes (0 to what the timer shows) instead of the timer's figure. */
  readonly minutes?: number;
}

/**
 * Ends the open session and logs its minutes against its day: the timer's figure, or `minutes` when given.
 * A forgotten timer without `minutes` logs its day's target (the CLI asks on a terminal first).
 */
export async function stopSession(deps: Deps, options: StopOptions = {}): Promise<SessionReport> {
  const store = await deps.store();
  const nowMs = deps.clock.now().getTime();
  const open = await store.sessions.open();
  if (!open) throw new RoadmapError('no session is running; start one with `roadmap start`');
  let minutes = options.minutes;
  if (minutes === undefined) minutes = (await findRunaway(store, [open], nowMs))?.countedMinutes;
  if (minutes !== undefined) return closeWith(deps, open, minutes, nowMs);
  const stopped = await store.sessions.stop(nowMs);
  if (!stopped) throw new RoadmapError('no session is running; start one with `roadmap start`');
  return report(deps, stopped, nowMs);
}
