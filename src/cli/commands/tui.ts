import { Command } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import { getToday } from '../../coach/today.js';
import type { Deps } from '../../deps.js';
import { RoadmapError } from '../../errors.js';
import { applyNoColor, processTerminal } from '../../system/terminal.js';
import { formatMinutes } from '../output.js';
import { todayRun } from './today.js';

export interface TuiCommandOptions {
  readonly date?: string;
  /** false with --no-tui */
  readonly tui?: boolean;
  /** false with --no-bell */
  readonly bell?: boolean;
}

/** Opens the full-screen app on a terminal; piped, or with --no-tui, prints `roadmap today` instead. */
export async function tuiRun(deps: Deps, opts: TuiCommandOptions): Promise<void> {
  const date = resolveDate(deps, opts.date);
  if (opts.tui === false || !processTerminal().interactive) return todayRun(deps, { date: opts.date });
  applyNoColor(deps.env);
  const { runTui } = await import('../../tui/run-tui.js');
  const { cancelled } = await runTui(deps, { date, bell: opts.bell !== false });
  const t = await getToday(deps, date);
  const running = t.session && t.session.state === 'running';
  deps.io.err(
    `Today: ${formatMinutes(t.minutesDone)} of ${t.minutesTarget}${running ? ' · the session is still running: `roadmap stop` logs it' : t.session ? ' · session paused' : ''}.\n`,
  );
  if (cancelled) throw new RoadmapError('cancelled', 'cancelled');
}

export function makeTuiCommand(deps: Deps): Command {
  return new Command('tui')
    .description('open the full-screen workbench (what `roadmap` alone does in a terminal)')
    .option('--date <date>', 'act as if today were this date')
    .option('--no-tui', "print today's session instead (also what happens when output is piped)")
    .option('--no-bell', 'no terminal bell when a time-box ends')
    .addHelpText('after', '\nKeys: space start/pause/resume · x stop · 1 home · 2 session · ? help · b bell · q quit\n\nExamples:\n  $ roadmap\n  $ roadmap --date 2025-06-16 --no-bell')
    .action((opts: TuiCommandOptions) => tuiRun(deps, opts));
}
