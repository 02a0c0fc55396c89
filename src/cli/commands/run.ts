import { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { RoadmapError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { parsePhase } from './task.js';
import { positiveInt } from './verify.js';

export interface RunCommandOptions {
  readonly target?: string;
  readonly pages?: number;
  readonly siteOnly?: boolean;
}

export async function runRun(deps: Deps, phase: number, opts: RunCommandOptions): Promise<void> {
  const { runPhase } = await import('../../verify/run-engine.js');
  const code = await runPhase(deps, { phase, target: opts.target, pages: opts.pages, siteOnly: opts.siteOnly });
  if (code === ExitCode.Cancelled) throw new RoadmapError('stopped (Ctrl-C); what was written so far is kept', 'cancelled');
  if (code !== 0) throw new RoadmapError(`the project exited ${code}; its output is in the log above`);
}

export function makeRunCommand(deps: Deps): Command {
  return new Command('run')
    .description("run a phase's mini-project for you to watch (phase 1: crawl a local test site with the progress bar)")
    .argument('<phase>', 'the phase, e.g. phase-1 or 1', parsePhase)
    .option('--target <reference|dir>', '`reference`, or a project folder (default: yours, else the reference)')
    .option('--pages <n>', 'phase 1: size of the test site', positiveInt('a number of pages', 100_000))
    .option('--site-only', 'phase 1: only serve the test site (point your own scraper at it) until Ctrl-C')
    .addHelpText(
      'after',
      `
Everything it starts is stopped when it ends, on Ctrl-C and on a crash; output goes to runs/phase-N and logs/ in
your workspace.

Examples:
  $ roadmap run phase-1                       # your scraper (or the reference) crawls 10,000 pages
  $ roadmap run phase-1 --site-only           # just the test site, for your own runs`,
    )
    .action((phase: number, opts: RunCommandOptions) => runRun(deps, phase, opts));
}
