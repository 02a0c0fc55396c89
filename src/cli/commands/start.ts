import { Command } from 'commander';
import { formatDuration, formatLongDate } from '../../core/local-date.js';
import { MAX_SESSION_MINUTES, type Runaway } from '../../core/session.js';
import { resolveDate } from '../../coach/dates.js';
import { minutesToGo } from '../../coach/today.js';
import { openRunaway, startSession, type SessionReport } from '../../coach/session.js';
import type { Deps } from '../../deps.js';
import { formatMinutes, styleFor, writeJson } from '../output.js';

export interface StartOptions {
  readonly date?: string;
  readonly json?: boolean;
}

export function sessionJson(r: SessionReport) {
  return {
    day: r.session.day,
    startedAt: new Date(r.session.startedAt).toISOString(),
    endedAt: r.session.endedAt === null ? null : new Date(r.session.endedAt).toISOString(),
    paused: r.session.pausedAt !== null,
    minutes: Math.round(r.minutes * 10) / 10,
    ranMinutes: Math.round(r.ranMinutes * 10) / 10,
    dayMinutes: Math.round(r.dayMinutes * 10) / 10,
    target: r.target,
    dayCompleted: r.dayCompleted,
    capped: r.capped,
  };
}

const MAX_TRIES = 3;

/**
 * How many minutes to log for a forgotten timer. On a terminal (and without --json) the learner is asked,
 * the day's target being the default; otherwise the target, and the caller says so (`runawayNote`).
 */
export async function runawayMinutes(deps: Deps, r: Runaway, json: boolean | undefined): Promise<{ readonly minutes: number; readonly asked: boolean }> {
  if (!deps.io.isTTY || json) return { minutes: r.countedMinutes, asked: false };
  const most = Math.min(Math.floor(r.ranMinutes + 1e-9), MAX_SESSION_MINUTES);
  deps.io.err(`The timer of ${formatLongDate(r.day)} has run ${formatDuration(r.ranMinutes)} with nothing recorded for ${formatDuration((deps.clock.now().getTime() - r.idleSinceMs) / 60_000)}: was it left running?\n`);
  for (let i = 0; i < MAX_TRIES; i++) {
    const answer = await deps.io.ask(`Minutes you studied [${r.countedMinutes}]: `);
    if (answer === null || answer.trim() === '') return { minutes: r.countedMinutes, asked: true };
    const n = Number(answer.trim());
    if (Number.isInteger(n) && n >= 0 && n <= most) return { minutes: n, asked: true };
    deps.io.err(`  a whole number of minutes from 0 to ${most}, please\n`);
  }
  return { minutes: r.countedMinutes, asked: true };
}

/** The note when a forgotten timer was logged at its target without asking (piped, --json). */
export function runawayNote(r: { readonly day: string; readonly ranMinutes: number; readonly target: number }): string {
  return (
    `roadmap: the timer of ${formatLongDate(r.day)} ran ${formatDuration(r.ranMinutes)} with nothing recorded: logged ${r.target} min, the day's target, ` +
    `not ${formatDuration(r.ranMinutes)}. To log your own figure, stop a forgotten timer with \`roadmap stop --minutes N\` (or answer the question on a terminal).\n`
  );
}

export async function startRun(deps: Deps, opts: StartOptions): Promise<void> {
  const day = resolveDate(deps, opts.date);
  const forgotten = await openRunaway(deps);
  const asked = forgotten ? await runawayMinutes(deps, forgotten, opts.json) : null;
  const r = await startSession(deps, day, { runawayMinutes: asked?.minutes });
  const closed = r.outcome === 'started' ? r.closedStale : null;
  if (forgotten && asked && !asked.asked && closed) deps.io.err(runawayNote({ day: closed.session.day, ranMinutes: closed.ranMinutes, target: closed.minutes }));
  if (opts.json) return writeJson(deps.io, { outcome: r.outcome, ...sessionJson(r), closedStale: closed ? sessionJson(closed) : null });
  const s = styleFor(deps.io);
  const since = new Date(r.session.startedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (closed) {
    const how = forgotten ? (asked?.asked ? ' (your figure)' : " (the day's target: the timer was left running)") : '';
    deps.io.out(`Closed the open session of ${formatLongDate(closed.session.day)}: ${formatMinutes(closed.minutes)} logged${how}.\n`);
  }
  const left = minutesToGo(r.target, r.dayMinutes);
  const verb = r.outcome === 'started' ? 'Started' : r.outcome === 'resumed' ? 'Resumed' : 'Already running:';
  deps.io.out(`${s.green(verb)} ${r.outcome === 'already-running' ? '' : "today's "}session for ${formatLongDate(r.session.day)} (since ${since}) · ${formatMinutes(r.dayMinutes)} done, ${left} min to go.\n`);
  deps.io.out(s.dim('`roadmap stop` logs the minutes; the timer survives closing this terminal.\n'));
}

export function makeStartCommand(deps: Deps): Command {
  return new Command('start')
    .description("start (or resume) today's study session; the start time is saved, so a crash or a second terminal resumes it")
    .option('--date <date>', 'the study day the session counts for (default: today)')
    .option('--json', 'print the session as JSON')
    .addHelpText(
      'after',
      `
A paused session resumes on its own day only: on a later day, start logs what it holds for its day and starts
that day's session (a day's minutes count for that day's streak). A timer left running (over twice the day's
target with nothing recorded) is logged at the figure you give on a terminal, or at the day's target.

Examples:
  $ roadmap start
  $ roadmap start --json`,
    )
    .action((opts: StartOptions) => startRun(deps, opts));
}
