import { Command, InvalidArgumentError } from 'commander';
import { formatThreshold, formatValue, type CriterionResult, type Verdict } from '../../core/criteria.js';
import type { Deps } from '../../deps.js';
import { CheckFailedError } from '../../errors.js';
import { tildify } from '../../system/paths.js';
import { commandFlags, PHASE_OPTIONS } from '../../verify/option-specs.js';
import type { OptionValues } from '../../verify/options.js';
import { offerCard } from '../offer-card.js';
import { styleFor, table, visibleWidth, writeJson } from '../output.js';
import { parsePhase } from './task.js';

export interface VerifyCommandOptions {
  readonly target?: string;
  readonly repeat?: number;
  readonly stage?: number;
  readonly json?: boolean;
  /** --no-offer: never ask to turn a failure into a card. */
  readonly offer?: boolean;
  /** --no-tag: never tag the learner's repository. */
  readonly tag?: boolean;
  readonly [phaseOption: string]: unknown;
}

export function positiveInt(what: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected ${what} from 1 to ${max.toLocaleString('en-US')}`);
    return n;
  };
}

/** A whole number, range-checked later against the phase's own declaration (phases differ). */
function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/** Adds every phase's flags for `command` (from the light declarations in verify/option-specs.ts). */
export function addPhaseFlags(cmd: Command, command: 'verify' | 'run'): Command {
  for (const { flag, help } of commandFlags(command)) {
    if (flag.includes('<')) cmd.option(flag, help, wholeNumber);
    else cmd.option(flag, help);
  }
  return cmd;
}

/** The phase flags among commander's parsed options (the rest are the command's own). */
export function phaseOptionValues(opts: Readonly<Record<string, unknown>>): OptionValues {
  const keys = new Set(Object.values(PHASE_OPTIONS).flatMap((specs) => specs.map((s) => s.key)));
  return Object.fromEntries(Object.entries(opts).filter(([k, v]) => keys.has(k) && v !== undefined)) as OptionValues;
}

/**
 * A status line for slow work: redrawn in place on a terminal; in a log (piped, CI), printed at most every
 * 5 seconds so a long run shows it is alive without flooding the log.
 */
export function progressLine(deps: Deps): { update(status: string): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(status) {
      if (deps.io.isTTY) {
        const width = Math.max(20, deps.io.columns - 1);
        deps.io.err(`\r\u001b[K${status.length > width ? status.slice(0, width - 1) + '…' : status}`);
        shown = true;
        return;
      }
      const now = performance.now();
      if (now - last >= 5_000 || last === 0) {
        last = now;
        deps.io.err(`${status}\n`);
      }
    },
    clear() {
      if (shown) deps.io.err('\r\u001b[K');
      shown = false;
    },
  };
}

function mark(deps: Deps, verdict: Verdict): string {
  const s = styleFor(deps.io);
  return verdict === 'passed' ? s.green('✓') : verdict === 'failed' ? s.red('✗') : s.yellow('–');
}

/**
 * The figures as one aligned row each when that fits the terminal; otherwise each figure's name on a line of
 * its own and its value, threshold and verdict aligned below it, so nothing wraps mid-column at 80 columns.
 */
export function fitTable(rows: readonly (readonly string[])[], columns: number, valueIndent: string): string {
  const wide = table(rows);
  if (wide.split('\n').every((line) => visibleWidth(line) <= columns)) return wide;
  const values = table(rows.map((r) => [valueIndent + (r[1] ?? ''), ...r.slice(2)])).split('\n');
  return rows.map((r, i) => `${r[0]}\n${values[i]}`).join('\n');
}

function printCheck(deps: Deps, c: CriterionResult, repeat: number, indent: string, title = c.title): void {
  const s = styleFor(deps.io);
  deps.io.out(`${indent}${mark(deps, c.verdict)} ${s.bold(title)}${title === c.id ? '' : ` ${s.dim(c.id)}`}${c.verdict === 'skipped' ? s.yellow(' skipped') : ''}\n`);
  if (c.skip) deps.io.out(`${indent}    ${s.yellow('→')} skipped: ${c.skip.reason} — ${c.skip.fix}\n`);
  const rows = c.figures.map((f) => [
    `${indent}    ${f.name}`,
    formatValue(f.value, f.unit),
    repeat > 1 ? s.dim(`${formatValue(f.min, '')}–${formatValue(f.max, f.unit)}`) : '',
    f.threshold ? s.dim(formatThreshold(f.threshold, f.unit)) : s.dim('reported'),
    f.pass === null ? '' : f.pass ? s.green('ok') : s.red('fail'),
  ]);
  if (rows.length > 0) deps.io.out(fitTable(rows, deps.io.columns, `${indent}      `) + '\n');
  for (const reason of c.reasons) deps.io.out(`${indent}    ${s.red('→')} ${reason}\n`);
}

export async function verifyRun(deps: Deps, phase: number, opts: VerifyCommandOptions): Promise<void> {
  const { verifyPhase } = await import('../../verify/verify-engine.js');
  const line = progressLine(deps);
  let outcome;
  try {
    outcome = await verifyPhase(deps, {
      phase,
      target: opts.target,
      repeat: opts.repeat,
      stage: opts.stage,
      tag: opts.tag,
      options: phaseOptionValues(opts),
      onProgress: (status) => line.update(status),
    });
  } finally {
    line.clear();
  }
  const { report, files, recorded, tag } = outcome;
  const failedStage = report.stages.find((st) => st.verdict === 'failed');
  const failedCriteria = report.criteria.filter((c) => c.verdict === 'failed');
  if (opts.json) writeJson(deps.io, { ...report, files, recorded, tag });
  else {
    const s = styleFor(deps.io);
    deps.io.out(`${s.bold(`Phase ${phase} — ${report.phaseTitle}`)}: ${report.target.kind} ${report.target.name} ${s.dim(`(${tildify(report.target.dir, deps.env)})`)}\n`);
    if (report.calibration.busy) deps.io.out(s.yellow(`machine busy (load ${report.calibration.loadBefore} on ${report.calibration.cores} cores when it started): figures unreliable; a timing failure is not recorded as yours\n`));
    for (const st of report.stages) {
      deps.io.out(`${mark(deps, st.verdict)} ${s.bold(`Stage ${st.week}: ${st.title}`)} ${s.dim(st.id)}\n`);
      for (const c of st.checks) if (c.verdict !== 'passed' || c.figures.length > 0) printCheck(deps, c, 1, '  ', c.id);
    }
    if (report.stagesNotRun.length > 0) deps.io.out(s.dim(`not run (an earlier stage failed): ${report.stagesNotRun.join(', ')}\n`));
    if (report.repeat > 1 && report.criteria.length > 0) deps.io.out(s.dim(`${report.repeat} runs: medians, with the spread; a criterion holds only if it held in every run\n`));
    for (const c of report.criteria) printCheck(deps, c, report.repeat, '');
    deps.io.out(`${s.bold(report.summary)}. Report: ${tildify(files.md, deps.env)} (and .json); took ${(report.durationMs / 1000).toFixed(1)} s\n`);
    if (!report.full) deps.io.out(s.yellow(`A smaller run than the criterion states (${Object.entries(report.settings).map(([k, v]) => `${k} ${v}`).join(', ')}): not recorded as verified.\n`));
    else if (report.target.kind === 'reference') deps.io.out(s.dim('The reference passing is kept for your reports; it does not count as your progress.\n'));
    else if (recorded) deps.io.out(s.dim('Recorded: `roadmap status` shows your verified criteria and stages.\n'));
    if (tag) deps.io.out(tag.done ? s.green(`Milestone: ${tag.message}\n`) : s.dim(`Milestone: ${tag.message}\n`));
  }
  const reasons = failedStage ? failedStage.checks.flatMap((c) => c.reasons) : failedCriteria.flatMap((c) => c.reasons);
  if (failedStage || failedCriteria.length > 0) {
    const first = failedStage ? `stage ${failedStage.week} (${failedStage.title})` : `criterion "${failedCriteria[0]!.title}"`;
    if (!opts.json && opts.offer !== false && deps.io.isTTY) {
      await offerCard(deps, { front: `Phase ${phase} ${first} failed: ${reasons[0] ?? ''} — what is the fix?`, tags: [`phase-${phase}`, 'acceptance-criteria'] });
    }
    throw new CheckFailedError(`phase ${phase}: ${report.summary}; ${first}: ${reasons[0] ?? 'see the report'}`);
  }
}

export function makeVerifyCommand(deps: Deps): Command {
  const cmd = new Command('verify')
    .description("check a phase's mini-project, stage by stage and against its acceptance criteria, measuring real figures; writes reports/phase-N/ in your workspace")
    .argument('<phase>', 'the phase, e.g. phase-1 or 1', parsePhase)
    .option('--target <reference|dir>', '`reference` for the shipped project, or a project folder (default: yours in the workspace)')
    .option('--stage <k>', "run the phase's Saturday stages 1..k only, stopping at the first that fails", positiveInt('a stage number', 9))
    .option('--repeat <n>', 'run the measured checks n times; report medians and spread, pass only if every run passes', positiveInt('a number of runs', 20), 1);
  addPhaseFlags(cmd, 'verify');
  return cmd
    .option('--json', 'print the report as JSON on stdout')
    .option('--no-offer', 'do not offer to turn a failure into a flashcard')
    .option('--no-tag', 'do not tag your repository phase-N when every check passes')
    .addHelpText(
      'after',
      `
Each phase's mini-project is built in Saturday stages (\`roadmap today\` names
this week's); \`--stage K\` checks stages 1..K like a CodeCrafters tester and
stops at the first that fails. Without --stage, verify runs the last stage and
measures every acceptance criterion against a real run: phase 1 crawls a local
10,000-page test site and counts every request; phase 2 runs your API on real
Postgres and Redis; phase 3 builds each package alone and checks the dependency
rules; phase 4 runs your CI in a copy (green, then with tests deleted and with
assertions disabled: both must fail), forges access tokens and scans the API.

A check that needs what this machine lacks (Docker, Redis, pg_dump, a scanner…)
is skipped with the reason and the fix, never counted as your failure: the
summary then says "n of m verified, k skipped". A target is a folder with a
roadmap.project.json (\`roadmap project init phase-N\` gives you one). Reports
go to reports/phase-N/ in your workspace; your own full runs also update
reports/phase-N/latest.{md,json}, your progress and, when every check passes,
the git tag phase-N on your project's HEAD (an existing tag is never moved).

Exit status: 0 when nothing failed (skips included), 3 when a check failed,
1 when the target cannot be started, 2 for a usage error, 130 on Ctrl-C
(everything roadmap started is stopped and removed).

Examples:
  $ roadmap verify phase-1 --stage 2          # this week's stage and before
  $ roadmap verify phase-1                    # ~/roadmap-work/projects/scraper
  $ roadmap verify phase-1 --target reference # the shipped reference
  $ roadmap verify phase-2 --repeat 3 --json  # three runs, medians, as data
  $ roadmap verify phase-4 --save-security-report  # scan, write reports/`,
    )
    .action((phase: number, opts: VerifyCommandOptions) => verifyRun(deps, phase, opts));
}
