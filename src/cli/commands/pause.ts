import { Command } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import { pauseSession } from '../../coach/session.js';
import type { Deps } from '../../deps.js';
import { formatMinutes, writeJson } from '../output.js';
import { sessionJson } from './start.js';

export async function pauseRun(deps: Deps, opts: { readonly json?: boolean }): Promise<void> {
  const r = await pauseSession(deps);
  if (opts.json) return writeJson(deps.io, sessionJson(r));
  const day = formatLongDate(r.session.day);
  deps.io.out(`Paused at ${formatMinutes(r.minutes)}. \`roadmap start\` resumes it on ${day}; on a later day it logs these minutes for ${day} and starts that day's session.\n`);
}

export function makePauseCommand(deps: Deps): Command {
  return new Command('pause')
    .description('pause the running session (paused time is not counted)')
    .option('--json', 'print the session as JSON')
    .addHelpText(
      'after',
      `
There is at most one open session, and the day it counts for was fixed by \`roadmap start [--date]\`, so pause
takes no --date. A paused session resumes on its own day; a start on a later day logs it for its day.

Example:
  $ roadmap pause && roadmap start   # pause, later resume`,
    )
    .action((opts: { json?: boolean }) => pauseRun(deps, opts));
}
