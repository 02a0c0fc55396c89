import { Command } from 'commander';
import { formatLongDate, formatShortDate } from '../../core/local-date.js';
import type { Status } from '../../coach/status.js';
import { resolveDate } from '../../coach/dates.js';
import { getStatus } from '../../coach/status.js';
import type { Deps } from '../../deps.js';
import { bar, plural, styleFor, table, writeJson } from '../output.js';

export interface StatusOptions {
  readonly date?: string;
  readonly json?: boolean;
}

function position(v: Status): string {
  const i = v.info;
  switch (i.kind) {
    case 'not-started':
      return `not started: the plan starts ${formatLongDate(i.startsOn)} (${plural(i.daysToGo, 'day')} to go)`;
    case 'finished':
      return `the plan ended ${formatLongDate(i.endedOn)}`;
    case 'rest':
      return `phase ${i.phase}, week ${i.week} (rest day)`;
    case 'study':
      return `phase ${i.phase}, week ${i.week}, study day ${i.dayOfPlan} of ${v.totals.total} (${i.slot})`;
  }
}

/** The planned and the projected end (core/projection.ts: the same figures as `replan`, `today` and the report). */
export function endText(v: Pick<Status, 'plannedEnd' | 'projectedEnd' | 'pace'>): string {
  const pace = v.pace === null ? '' : ` · ${Math.round(v.pace * 100)}% of the study days due so far done`;
  if (v.projectedEnd === v.plannedEnd) return `${formatLongDate(v.plannedEnd)}, planned and projected (if you study every study day from today)${pace}`;
  return `planned ${formatLongDate(v.plannedEnd)} · projected ${formatLongDate(v.projectedEnd)} (if you study every study day from today)${pace}`;
}

export function renderStatus(deps: Deps, v: Status): string {
  const s = styleFor(deps.io);
  const mark = { done: s.green('done'), current: s.cyan('now'), upcoming: s.dim('next'), past: s.yellow('past') };
  const rows = v.phases.map((p) => [
    String(p.number),
    p.title,
    `${formatShortDate(p.start)}–${formatShortDate(p.end)}`,
    `${bar(p.studyDays.done / p.studyDays.total, 10)} ${p.studyDays.done}/${p.studyDays.total}`,
    `${p.tasks.checked}/${p.tasks.total}`,
    (() => {
      const st = v.stages.find((c) => c.phase === p.number);
      return st && st.total ? `${st.passed}/${st.total}` : '-';
    })(),
    `${p.criteria.verified}/${p.criteria.total}`,
    (() => {
      const sc = v.selfChecks.find((c) => c.phase === p.number);
      return sc ? `${sc.answered}/${sc.total}` : '-';
    })(),
    (() => {
      const k = v.katas.find((c) => c.phase === p.number);
      return k && k.total ? `${k.passed}/${k.total}` : '-';
    })(),
    mark[p.state],
  ]);
  const t = v.totals;
  const lines = [
    `${s.bold('Position')}: ${position(v)}`,
    table([['#', 'phase', 'dates', 'study days', 'tasks', 'stages', 'criteria', 'self-check', 'katas', ''], ...rows]),
    `${s.bold('Total')}: ${t.done}/${t.total} study days · ${t.tasksChecked}/${t.tasksTotal} tasks · ${t.criteriaVerified}/${t.criteriaTotal} criteria verified · ${v.selfChecks.reduce((a, c) => a + c.answered, 0)}/${v.selfChecks.reduce((a, c) => a + c.total, 0)} self-check questions`,
    `${s.bold('End')}: ${endText(v)}`,
  ];
  if (v.backlog.days > 0) lines.push(`${s.yellow('Backlog')}: ${plural(v.backlog.days, 'missed study day')} — \`roadmap replan\` moves the plan to the projected end`);
  return lines.join('\n') + '\n';
}

export async function statusRun(deps: Deps, opts: StatusOptions): Promise<void> {
  const v = await getStatus(deps, resolveDate(deps, opts.date));
  if (opts.json) return writeJson(deps.io, v);
  deps.io.out(renderStatus(deps, v));
}

export function makeStatusCommand(deps: Deps): Command {
  return new Command('status')
    .description('progress through the plan: per phase study days, tasks and criteria, your position, the planned and projected end')
    .option('--date <date>', 'act as if today were this date')
    .option('--json', 'print progress as JSON')
    .addHelpText('after', '\nExamples:\n  $ roadmap status\n  $ roadmap status --json | jq .totals')
    .action((opts: StatusOptions) => statusRun(deps, opts));
}
