import { Command, InvalidArgumentError } from 'commander';
import { formatFullDate, formatShortDate } from '../../core/local-date.js';
import { resolveDate } from '../../coach/dates.js';
import { initProfile } from '../../coach/init.js';
import type { Deps } from '../../deps.js';
import { tildify } from '../../system/paths.js';
import { styleFor, table, writeJson } from '../output.js';

export interface InitCommandOptions {
  readonly start?: string;
  readonly workspace?: string;
  readonly minutes?: number;
  readonly force?: boolean;
  readonly json?: boolean;
}

export async function initRun(deps: Deps, opts: InitCommandOptions): Promise<void> {
  const today = resolveDate(deps, undefined);
  const start = opts.start === undefined ? undefined : resolveDate(deps, opts.start, '--start');
  const r = await initProfile(deps, { start, workspace: opts.workspace, minutes: opts.minutes, force: opts.force }, today);
  if (opts.json) return writeJson(deps.io, r);
  const s = styleFor(deps.io);
  const head = { created: 'Profile created', updated: 'Profile updated', unchanged: 'Profile unchanged (same settings)' }[r.outcome];
  deps.io.out(`${s.green(head)}: ${r.planStart} → ${r.planEnd}, ${r.profile.minutesTarget} min a day, workspace ${tildify(r.profile.workspace, deps.env)}\n`);
  if (r.defaultStart) deps.io.out(`Your plan starts ${formatFullDate(r.planStart)}; \`--start DATE\` to choose.\n`);
  deps.io.out(table([['phase', 'from', 'to', 'study days'], ...r.phases.map((p) => [String(p.number), formatShortDate(p.start), formatShortDate(p.end), String(p.studyDays)])]) + '\n');
  deps.io.out(s.dim('Next: `roadmap today` shows what to do, `roadmap start` starts the timer.\n'));
}

function parseMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 5 || n > 240) throw new InvalidArgumentError('expected a whole number of minutes from 5 to 240');
  return n;
}

export function makeInitCommand(deps: Deps): Command {
  return new Command('init')
    .description("set up your profile: the plan's start date, your workspace folder and daily minutes")
    .option('--start <date>', 'start the plan on this date (YYYY-MM-DD, today, tomorrow; each phase keeps its number of study days); default: the coming Monday, today on a Monday')
    .option('--workspace <dir>', 'folder for your katas, projects and notes (default: ~/roadmap-work)')
    .option('--minutes <n>', 'daily study target in minutes (default: 30)', parseMinutes)
    .option('--force', 'replace the settings of an existing profile (your sessions and checks are kept)')
    .option('--json', 'print the profile and the phase dates as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap init                      # the plan starts on the coming Monday\n  $ roadmap init --start 2026-01-05\n  $ roadmap init --start 2026-01-05 --workspace ~/code/roadmap --minutes 45 --force')
    .action((opts: InitCommandOptions) => initRun(deps, opts));
}
