import { Command } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import { resolveDate } from '../../coach/dates.js';
import { spendFreeze } from '../../coach/freeze.js';
import type { Deps } from '../../deps.js';
import { plural, writeJson } from '../output.js';

export interface FreezeOptions {
  readonly date?: string;
  readonly json?: boolean;
}

export async function freezeRun(deps: Deps, opts: FreezeOptions): Promise<void> {
  const today = resolveDate(deps, undefined);
  const day = resolveDate(deps, opts.date);
  const r = await spendFreeze(deps, day, today);
  if (opts.json) return writeJson(deps.io, r);
  deps.io.out(`Froze ${formatLongDate(r.day)}: the streak bridges it. ${r.usedThisMonth} of ${plural(r.perMonth, 'freeze')} used this month.\n`);
}

export function makeFreezeCommand(deps: Deps): Command {
  return new Command('freeze')
    .description('spend a streak freeze on a study day you could not do (2 a month): the streak survives it')
    .option('--date <date>', 'the day to freeze (default: today; e.g. yesterday)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap freeze                  # sick today\n  $ roadmap freeze --date yesterday')
    .action((opts: FreezeOptions) => freezeRun(deps, opts));
}
