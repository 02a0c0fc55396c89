import { Command } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import { resolveDate } from '../../coach/dates.js';
import { startSession, type SessionReport } from '../../coach/session.js';
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
    dayMinutes: Math.round(r.dayMinutes * 10) / 10,
    target: r.target,
    dayCompleted: r.dayCompleted,
    capped: r.capped,
  };
}

export async function startRun(deps: Deps, opts: StartOptions): Promise<void> {
  const day = resolveDate(deps, opts.date);
  const r = await startSession(deps, day);
  if (opts.json) return writeJson(deps.io, { outcome: r.outcome, ...sessionJson(r), closedStale: r.outcome === 'started' && r.closedStale ? sessionJson(r.closedStale) : null });
  const s = styleFor(deps.io);
  const since = new Date(r.session.startedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (r.outcome === 'started' && r.closedStale) {
    const c = r.closedStale;
    deps.io.out(`Closed the open session of ${formatLongDate(c.session.day)}: ${formatMinutes(c.minutes)} logged${c.capped ? ' (capped: it was left running)' : ''}.\n`);
  }
  const left = Math.max(0, r.target - r.dayMinutes);
  const verb = r.outcome === 'started' ? 'Started' : r.outcome === 'resumed' ? 'Resumed' : 'Already running:';
  deps.io.out(`${s.green(verb)} ${r.outcome === 'already-running' ? '' : "today's "}session for ${formatLongDate(r.session.day)} (since ${since}) · ${formatMinutes(r.dayMinutes)} done, ${formatMinutes(left)} to go.\n`);
  deps.io.out(s.dim('`roadmap stop` logs the minutes; the timer survives closing this terminal.\n'));
}

export function makeStartCommand(deps: Deps): Command {
  return new Command('start')
    .description("start (or resume) today's study session; the start time is saved, so a crash or a second terminal resumes it")
    .option('--date <date>', 'the study day the session counts for (default: today)')
    .option('--json', 'print the session as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap start\n  $ roadmap start --json')
    .action((opts: StartOptions) => startRun(deps, opts));
}
