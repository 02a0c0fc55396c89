import { Command } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import { stopSession } from '../../coach/session.js';
import type { Deps } from '../../deps.js';
import { formatMinutes, styleFor, writeJson } from '../output.js';
import { sessionJson } from './start.js';

export interface StopOptions {
  readonly json?: boolean;
}

export async function stopRun(deps: Deps, opts: StopOptions): Promise<void> {
  const r = await stopSession(deps);
  if (opts.json) return writeJson(deps.io, sessionJson(r));
  const s = styleFor(deps.io);
  deps.io.out(`Stopped: ${formatMinutes(r.minutes)} logged for ${formatLongDate(r.session.day)}${r.capped ? ' (capped: it was left running)' : ''}.\n`);
  deps.io.out(
    r.dayCompleted
      ? `${s.green('Day complete')} — ${formatMinutes(r.dayMinutes)} of ${r.target}. The streak goes on.\n`
      : `${formatMinutes(r.dayMinutes)} of ${r.target} today; ${formatMinutes(Math.max(0, r.target - r.dayMinutes))} more completes the day (\`roadmap start\`).\n`,
  );
}

export function makeStopCommand(deps: Deps): Command {
  return new Command('stop')
    .description('end the running session and log its minutes; a day is complete when its sessions reach the daily target')
    .option('--json', 'print the logged session as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap stop')
    .action((opts: StopOptions) => stopRun(deps, opts));
}
