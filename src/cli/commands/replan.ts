import { Command } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import { resolveDate } from '../../coach/dates.js';
import { replan } from '../../coach/replan.js';
import type { Deps } from '../../deps.js';
import { plural, styleFor, table, writeJson } from '../output.js';

export interface ReplanOptions {
  readonly date?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

export async function replanRun(deps: Deps, opts: ReplanOptions): Promise<void> {
  const r = await replan(deps, resolveDate(deps, opts.date), Boolean(opts.dryRun));
  if (opts.json) {
    return writeJson(deps.io, {
      applied: r.applied,
      dryRun: Boolean(opts.dryRun),
      shifted: r.shifted,
      oldEnd: r.oldEnd,
      newEnd: r.newEnd,
      phases: r.calendar.phases.map((p) => ({ number: p.number, start: p.start, end: p.end })),
    });
  }
  const s = styleFor(deps.io);
  if (r.shifted.length === 0) {
    deps.io.out(`No missed study days: the plan stays as it is (ends ${formatLongDate(r.oldEnd)}).\n`);
    return;
  }
  const shown = r.shifted.length > 12 ? `${r.shifted.slice(0, 3).join(', ')} … ${r.shifted.slice(-3).join(', ')}` : r.shifted.join(', ');
  deps.io.out(`${plural(r.shifted.length, 'missed study day')}: ${shown}\n`);
  deps.io.out(table([['', 'end'], ['old', formatLongDate(r.oldEnd)], ['new', formatLongDate(r.newEnd)]]) + '\n');
  deps.io.out(opts.dryRun ? s.dim('Dry run: nothing changed. Run `roadmap replan` to apply.\n') : `${s.green('Replanned')}: the rest of the plan moved by ${plural(r.shifted.length, 'study day')}.\n`);
}

export function makeReplanCommand(deps: Deps): Command {
  return new Command('replan')
    .description('shift the rest of the plan by the missed study days (the backlog) and show the old and new end (the projected end of `status`)')
    .option('--dry-run', 'show the new dates without changing anything')
    .option('--date <date>', 'act as if today were this date')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap replan --dry-run\n  $ roadmap replan')
    .action((opts: ReplanOptions) => replanRun(deps, opts));
}
