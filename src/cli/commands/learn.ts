import { Command, InvalidArgumentError } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import { listWeeks, requireWeek, resolveWeekRef, runSelfCheck, weekOfDay, type WeekSummary } from '../../coach/learn.js';
import { getToday } from '../../coach/today.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { styleFor, table, writeJson } from '../output.js';
import { parsePhase } from './task.js';

export function parseWeek(value: string): number {
  const n = Number(value.replace(/^week-?/i, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a week number such as 2 (or week-2)');
  return n;
}

export interface LearnOptions {
  readonly phase?: number;
  readonly week?: number;
  readonly date?: string;
  readonly json?: boolean;
}

function renderWeeks(deps: Deps, weeks: readonly WeekSummary[], current: { phase: number; week: number } | null): string {
  const s = styleFor(deps.io);
  const rows = weeks.map((w) => {
    const here = current && current.phase === w.phase && current.week === w.week;
    const sc = w.selfCheck;
    return [here ? s.cyan('▶') : ' ', `${w.phase}.${w.week}`, w.title, `${sc.answered}/${sc.total}${sc.answered ? ` (${sc.correct} right)` : ''}`];
  });
  return table([['', 'week', 'theory', 'self-check'], ...rows]) + '\n';
}

function renderWeek(deps: Deps, w: WeekSummary): string {
  const s = styleFor(deps.io);
  const days = { theory: 'Mon', 'code-along': 'Tue', docs: 'Wed' } as const;
  const lines = [`${s.bold(`Phase ${w.phase}, week ${w.week}`)}`];
  for (const m of w.materials) lines.push(`  ${days[m.slot]} ${m.slot.padEnd(10)} ${m.title} · ${m.minutes} min`, `      ${s.dim(m.file)}`);
  lines.push(`  Self-check: ${w.selfCheck.answered}/${w.selfCheck.total} answered, ${w.selfCheck.correct} right — \`roadmap learn check --phase ${w.phase} --week ${w.week}\``);
  return lines.join('\n') + '\n';
}

export async function learnRun(deps: Deps, opts: LearnOptions): Promise<void> {
  if (opts.week !== undefined && opts.phase === undefined) throw new UsageError('--week needs --phase, e.g. `roadmap learn --phase 2 --week 3`');
  if (opts.phase !== undefined && opts.week !== undefined) await requireWeek(deps, { phase: opts.phase, week: opts.week });
  const weeks = (await listWeeks(deps, opts.phase)).filter((w) => opts.week === undefined || w.week === opts.week);
  if (opts.json) return writeJson(deps.io, weeks);
  if (opts.week !== undefined) return deps.io.out(renderWeek(deps, weeks[0]!));
  const current = weekOfDay((await getToday(deps, resolveDate(deps, opts.date))).info);
  deps.io.out(renderWeeks(deps, weeks, current));
}

export async function learnCheckRun(deps: Deps, opts: LearnOptions): Promise<void> {
  const ref = await resolveWeekRef(deps, resolveDate(deps, opts.date), opts, 'roadmap learn check');
  const s = styleFor(deps.io);
  deps.io.err(`${s.bold(`Self-check, phase ${ref.phase} week ${ref.week}`)} — answers are saved as you go; Ctrl-D stops.\n`);
  const run = await runSelfCheck(deps, ref, (t) => deps.io.err(t));
  // The week's tally: answers kept from an earlier run plus this run's, so a resumed run reports the whole week.
  const week = [...run.earlier, ...run.answers];
  const right = week.filter((a) => a.correct).length;
  const left = run.items.length - week.length;
  if (opts.json) return writeJson(deps.io, { phase: run.phase, week: run.week, questions: run.items.length, from: run.from, answered: week.length, correct: right, stopped: run.stopped, answers: run.answers });
  deps.io.out(`${run.stopped ? 'Stopped' : 'Done'}: ${right} of ${week.length} right${run.stopped ? ` (${left} left; run it again to finish)` : ''}.\n`);
}

export function makeLearnCommand(deps: Deps): Command {
  const learn = new Command('learn')
    .enablePositionalOptions()
    .description('browse the Monday–Wednesday material of every week, with your self-check progress')
    .option('--phase <n>', 'only this phase', parsePhase)
    .option('--week <k>', 'one week of the phase (with --phase)', parseWeek)
    .option('--date <date>', 'mark the week of this date as current')
    .option('--json', 'print the weeks as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap learn\n  $ roadmap learn --phase 2 --week 3\n  $ roadmap learn check                # this week\'s self-check')
    .action((opts: LearnOptions) => learnRun(deps, opts));
  learn
    .command('check')
    .description("answer a week's self-check questions (default: this week's) and record how you did")
    .option('--phase <n>', 'the phase', parsePhase)
    .option('--week <k>', 'the week of the phase (default 1 with --phase)', parseWeek)
    .option('--date <date>', 'the week of this date')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap learn check\n  $ roadmap learn check --phase 1 --week 2')
    .action((opts: LearnOptions) => learnCheckRun(deps, opts));
  return learn;
}
