import { Command, InvalidArgumentError } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import { resolveDate } from '../../coach/dates.js';
import { minutesToGo } from '../../coach/today.js';
import { openRunaway, stopSession } from '../../coach/session.js';
import type { Deps } from '../../deps.js';
import { formatMinutes, styleFor, writeJson } from '../output.js';
import { runawayMinutes, runawayNote, sessionJson } from './start.js';

export interface StopOptions {
  readonly minutes?: number;
  readonly json?: boolean;
}

function parseMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of minutes, 0 or more');
  return n;
}

export async function stopRun(deps: Deps, opts: StopOptions): Promise<void> {
  const forgotten = opts.minutes === undefined ? await openRunaway(deps) : null;
  const asked = forgotten ? await runawayMinutes(deps, forgotten, opts.json) : null;
  const r = await stopSession(deps, { minutes: opts.minutes ?? asked?.minutes });
  if (forgotten && asked && !asked.asked) deps.io.err(runawayNote({ day: r.session.day, ranMinutes: r.ranMinutes, target: r.minutes }));
  if (opts.json) return writeJson(deps.io, sessionJson(r));
  const s = styleFor(deps.io);
  const day = formatLongDate(r.session.day);
  const logged = Math.floor(r.minutes + 1e-9);
  const why = forgotten ? (asked?.asked ? ' (your figure)' : " (the day's target: the timer was left running)") : opts.minutes !== undefined ? ' (your figure)' : r.capped ? ' (capped: it was left running)' : '';
  deps.io.out(logged === 0 ? `Stopped after less than a minute: nothing logged for ${day}.\n` : `Stopped: ${formatMinutes(r.minutes)} logged for ${day}${why}.\n`);
  const left = minutesToGo(r.target, r.dayMinutes);
  const when = r.session.day === resolveDate(deps, undefined) ? 'today' : `on ${day}`;
  if (r.dayCompleted) deps.io.out(`${s.green('Day complete')} — ${formatMinutes(r.dayMinutes)} of ${r.target}. The streak goes on.\n`);
  else if (Math.floor(r.dayMinutes + 1e-9) === 0) deps.io.out(`Nothing logged ${when} yet: ${r.target} min complete the day (\`roadmap start\`).\n`);
  else deps.io.out(`${formatMinutes(r.dayMinutes)} of ${r.target} ${when}; ${left} min more completes the day (\`roadmap start\`).\n`);
}

export function makeStopCommand(deps: Deps): Command {
  return new Command('stop')
    .description('end the running session and log its minutes; a day is complete when its sessions reach the daily target')
    .option('--minutes <n>', 'log this many minutes instead of what the timer shows (0 up to the timer\'s figure), e.g. for a timer left running', parseMinutes)
    .option('--json', 'print the logged session as JSON')
    .addHelpText(
      'after',
      `
stop acts on the one open session, whatever its day (set by \`roadmap start [--date]\`), so it takes no --date.
A timer left running (over twice the day's target with nothing recorded) asks on a terminal how many minutes to
log (default: the day's target); piped or with --json it logs the target and says so.

Examples:
  $ roadmap stop
  $ roadmap stop --minutes 35      # the timer ran on after you finished`,
    )
    .action((opts: StopOptions) => stopRun(deps, opts));
}
