import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import type { Deps } from '../../deps.js';
import { RoadmapError } from '../../errors.js';
import { tildify } from '../../system/paths.js';
import { styleFor, writeJson } from '../output.js';
import { parsePhase } from './task.js';

export interface ReportCommandOptions {
  readonly since?: string;
  readonly phase?: number;
  readonly format?: 'text' | 'md' | 'html';
  readonly out?: string;
  readonly open?: boolean;
  readonly json?: boolean;
  readonly date?: string;
}

async function data(deps: Deps, opts: ReportCommandOptions) {
  const { buildReportData } = await import('../../report/report-data.js');
  const today = resolveDate(deps, opts.date);
  return buildReportData(deps, { today, since: opts.since === undefined ? undefined : resolveDate(deps, opts.since, '--since'), phase: opts.phase });
}

export async function reportRun(deps: Deps, opts: ReportCommandOptions): Promise<void> {
  const format = opts.format ?? 'text';
  if (opts.open && format !== 'html') throw new RoadmapError('--open goes with --format html (it opens the portfolio in your browser)', 'usage');
  const report = await data(deps, opts);
  if (opts.json) return writeJson(deps.io, report);
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  if (format === 'html') {
    const { writePortfolio } = await import('../../report/render-html.js');
    const { workspaceOf } = await import('../../coach/context.js');
    const dir = resolve(opts.out ?? `${await workspaceOf(deps)}/portfolio`);
    deps.io.err('rendering the portfolio (charts with Observable Plot)…\n');
    const file = await writePortfolio(report, dir);
    deps.io.out(`Portfolio: ${tildify(file, deps.env)} (self-contained: open it offline, or publish the folder)\n`);
    if (opts.open) {
      const { browserOpener } = await import('../../system/runtime.js');
      const opener = browserOpener();
      const r = await deps.runner.run(opener, [file]);
      if (!r.ok) deps.io.err(`Could not open a browser (${r.notFound ? `${opener} not found` : `${opener} exited ${r.exitCode}`}): open ${file} yourself.\n`);
    }
    return;
  }
  const { renderMarkdown, renderTerminal } = await import('../../report/render-text.js');
  const text = format === 'md' ? renderMarkdown(report) : renderTerminal(report, opts.out ? undefined : styleFor(deps.io));
  if (!opts.out) return deps.io.out(text);
  const file = resolve(opts.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  deps.io.out(`Wrote ${tildify(file, deps.env)}\n`);
}

export function makeReportCommand(deps: Deps): Command {
  return new Command('report')
    .description('your progress: plan position, streak, study-day heatmap, minutes per week, katas, cards, verified criteria with their figures')
    .option('--since <date>', 'start the charts at this date (default: the last 26 weeks)')
    .option('--phase <n>', 'only this phase (its dates, katas and criteria)', parsePhase)
    .addOption(new Option('--format <format>', 'text for the terminal, md for Markdown, html for the portfolio').choices(['text', 'md', 'html']).default('text'))
    .option('--out <path>', 'write to this file (text, md) or folder (html; default <workspace>/portfolio)')
    .option('--open', 'with --format html: open the portfolio in your browser')
    .option('--json', 'print the report as data')
    .option('--date <date>', 'report as of this date (YYYY-MM-DD, yesterday)')
    .addHelpText(
      'after',
      `
The HTML portfolio is one page with its charts rendered to SVG (no scripts, works offline), plus copies of the
reports/phase-N files that \`roadmap verify\` wrote — something to show at the end of the plan.

Examples:
  $ roadmap report                                  # in the terminal
  $ roadmap report --format md --out review.md      # for a README or a weekly note
  $ roadmap report --format html --open             # the portfolio in ~/roadmap-work/portfolio
  $ roadmap report --phase 1 --json                 # one phase, as data`,
    )
    .action((opts: ReportCommandOptions) => reportRun(deps, opts));
}

export async function reviewRun(deps: Deps, opts: { readonly json?: boolean; readonly date?: string }): Promise<void> {
  const report = await data(deps, { date: opts.date });
  const r = report.review;
  if (opts.json) return writeJson(deps.io, r);
  const s = styleFor(deps.io);
  const { formatShortDate } = await import('../../core/local-date.js');
  deps.io.out(`${s.bold(`Week of ${formatShortDate(r.monday)}–${formatShortDate(r.sunday)}`)}\n`);
  deps.io.out(`  study days   ${r.done} of ${r.planned} planned (${r.due} due so far)\n`);
  deps.io.out(`  minutes      ${r.minutes} of ${r.targetMinutes}\n`);
  deps.io.out(`  reviews      ${r.reviews}\n`);
  deps.io.out(`  katas passed ${r.katasPassed.length ? r.katasPassed.join(', ') : '—'}\n`);
  deps.io.out(`  tasks done   ${r.tasksChecked.length ? r.tasksChecked.join(', ') : '—'}\n`);
  deps.io.out(`  slipped      ${r.slipped.length ? s.yellow(r.slipped.map(formatShortDate).join(', ')) : 'nothing'}\n`);
  deps.io.out(`\n${s.bold('Suggestion')}: ${r.suggestion.text}${r.suggestion.command ? `\n  $ ${r.suggestion.command}` : ''}\n`);
}

export function makeReviewCommand(deps: Deps): Command {
  return new Command('review')
    .description('the weekly review: this week against the plan, what slipped, and one suggestion from your data')
    .option('--json', 'print the review as data')
    .option('--date <date>', 'review the week holding this date (YYYY-MM-DD, yesterday)')
    .addHelpText('after', '\nExamples:\n  $ roadmap review\n  $ roadmap review --date 2025-07-05 --json')
    .action((opts: { json?: boolean; date?: string }) => reviewRun(deps, opts));
}
