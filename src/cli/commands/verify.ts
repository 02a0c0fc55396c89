import { Command, InvalidArgumentError } from 'commander';
import { formatThreshold, formatValue, type CriterionResult } from '../../core/criteria.js';
import type { Deps } from '../../deps.js';
import { CheckFailedError } from '../../errors.js';
import { tildify } from '../../system/paths.js';
import { offerCard } from '../offer-card.js';
import { plural, styleFor, table, writeJson } from '../output.js';
import { parsePhase } from './task.js';

export interface VerifyCommandOptions {
  readonly target?: string;
  readonly repeat?: number;
  readonly pages?: number;
  readonly loadSeconds?: number;
  readonly json?: boolean;
  /** --no-offer: never ask to turn a failure into a card. */
  readonly offer?: boolean;
}

export function positiveInt(what: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected ${what} from 1 to ${max.toLocaleString('en-US')}`);
    return n;
  };
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

function printCriterion(deps: Deps, c: CriterionResult, repeat: number): void {
  const s = styleFor(deps.io);
  deps.io.out(`${c.passed ? s.green('✓') : s.red('✗')} ${s.bold(c.title)} ${s.dim(c.id)}\n`);
  const rows = c.figures.map((f) => [
    `    ${f.name}`,
    formatValue(f.value, f.unit),
    repeat > 1 ? s.dim(`${formatValue(f.min, '')}–${formatValue(f.max, f.unit)}`) : '',
    f.threshold ? s.dim(formatThreshold(f.threshold, f.unit)) : s.dim('reported'),
    f.pass === null ? '' : f.pass ? s.green('ok') : s.red('fail'),
  ]);
  if (rows.length > 0) deps.io.out(table(rows) + '\n');
  for (const reason of c.reasons) deps.io.out(`    ${s.red('→')} ${reason}\n`);
}

export async function verifyRun(deps: Deps, phase: number, opts: VerifyCommandOptions): Promise<void> {
  const { verifyPhase } = await import('../../verify/verify-engine.js');
  const line = progressLine(deps);
  let outcome;
  try {
    outcome = await verifyPhase(deps, { phase, target: opts.target, repeat: opts.repeat, pages: opts.pages, loadSeconds: opts.loadSeconds, onProgress: (status) => line.update(status) });
  } finally {
    line.clear();
  }
  const { report, files, recorded } = outcome;
  const failed = report.criteria.filter((c) => !c.passed);
  if (opts.json) writeJson(deps.io, { ...report, files, recorded });
  else {
    const s = styleFor(deps.io);
    deps.io.out(`${s.bold(`Phase ${phase} — ${report.phaseTitle}`)}: ${report.target.kind} ${report.target.name} ${s.dim(`(${tildify(report.target.dir, deps.env)})`)}\n`);
    if (report.repeat > 1) deps.io.out(s.dim(`${report.repeat} runs: medians, with the spread; a criterion holds only if it held in every run\n`));
    for (const c of report.criteria) printCriterion(deps, c, report.repeat);
    deps.io.out(`Report: ${tildify(files.md, deps.env)} (and .json); took ${(report.durationMs / 1000).toFixed(1)} s\n`);
    if (!report.full) deps.io.out(s.yellow(`A smaller run than the criterion states (${Object.entries(report.settings).map(([k, v]) => `${k} ${v}`).join(', ')}): not recorded as verified.\n`));
    else if (recorded && report.target.kind === 'reference') deps.io.out(s.dim('Recorded for your reports; the reference passing does not count as your progress.\n'));
    else if (recorded) deps.io.out(s.dim('Recorded: `roadmap status` shows your verified criteria.\n'));
  }
  if (failed.length > 0) {
    const first = failed[0]!;
    if (!opts.json && opts.offer !== false && deps.io.isTTY) {
      await offerCard(deps, { front: `Phase ${phase} criterion "${first.title}" failed: ${first.reasons[0] ?? ''} — what is the fix?`, tags: [`phase-${phase}`, 'acceptance-criteria'] });
    }
    throw new CheckFailedError(`${plural(failed.length, 'criterion', 'criteria')} of phase ${phase} not met: ${first.reasons[0] ?? first.title}`);
  }
}

export function makeVerifyCommand(deps: Deps): Command {
  return new Command('verify')
    .description("check a phase's mini-project against its acceptance criteria, measuring real figures; writes reports/phase-N.{json,md} in your workspace")
    .argument('<phase>', 'the phase, e.g. phase-1 or 1', parsePhase)
    .option('--target <reference|dir>', '`reference` for the shipped project, or a project folder (default: yours in the workspace)')
    .option('--repeat <n>', 'run the measured checks n times; report medians and spread, pass only if every run passes', positiveInt('a number of runs', 20), 1)
    .option('--pages <n>', 'phase 1: size of the test site (the criterion states 10,000); phase 2: pages crawled and imported (1,000). Smaller runs are quick checks, not recorded', positiveInt('a number of pages', 100_000))
    .option('--load-seconds <n>', 'phase 2: seconds of each hot-key load (default 5; shorter is not recorded)', positiveInt('a number of seconds', 600))
    .option('--json', 'print the report as JSON on stdout')
    .option('--no-offer', 'do not offer to turn a failed criterion into a flashcard')
    .addHelpText(
      'after',
      `
Each criterion is measured against a real run: phase 1 crawls a local 10,000-page test site with the scraper and
counts every request it makes. A target is a folder with a roadmap.project.json that says how to start it
(\`roadmap project init phase-1\` gives you one). The results go to reports/ in your workspace and, for a
full-size run, into your progress.

Exit status: 0 when every criterion holds, 3 when one does not, 1 when the target cannot be started, 2 for a usage error.

Examples:
  $ roadmap verify phase-1                        # your project in ~/roadmap-work/projects/scraper
  $ roadmap verify phase-1 --target reference     # the shipped reference
  $ roadmap verify phase-1 --repeat 3 --json      # three runs, medians, as data`,
    )
    .action((phase: number, opts: VerifyCommandOptions) => verifyRun(deps, phase, opts));
}
