import { Command } from 'commander';
import { pauseSession } from '../../coach/session.js';
import type { Deps } from '../../deps.js';
import { formatMinutes, writeJson } from '../output.js';
import { sessionJson } from './start.js';

export async function pauseRun(deps: Deps, opts: { readonly json?: boolean }): Promise<void> {
  const r = await pauseSession(deps);
  if (opts.json) return writeJson(deps.io, sessionJson(r));
  deps.io.out(`Paused at ${formatMinutes(r.minutes)}. \`roadmap start\` resumes the same session.\n`);
}

export function makePauseCommand(deps: Deps): Command {
  return new Command('pause')
    .description('pause the running session (paused time is not counted)')
    .option('--json', 'print the session as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap pause && roadmap start   # pause, later resume')
    .action((opts: { json?: boolean }) => pauseRun(deps, opts));
}
