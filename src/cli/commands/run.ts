import { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { RoadmapError } from '../../errors.js';
import { parsePhase } from './task.js';
import { addPhaseFlags, phaseOptionValues } from './verify.js';

export interface RunCommandOptions {
  readonly target?: string;
  readonly [phaseOption: string]: unknown;
}

export async function runRun(deps: Deps, phase: number, opts: RunCommandOptions): Promise<void> {
  const { runPhase } = await import('../../verify/run-engine.js');
  const code = await runPhase(deps, { phase, target: opts.target, options: phaseOptionValues(opts) });
  if (code !== 0) throw new RoadmapError(`the project exited ${code}; its output is in the log above`);
}

export function makeRunCommand(deps: Deps): Command {
  const cmd = new Command('run')
    .description("run a phase's mini-project for you to watch (phase 1: crawl a local test site with the progress bar; phase 2: the API on real Postgres and Redis)")
    .argument('<phase>', 'the phase, e.g. phase-1 or 1', parsePhase)
    .option('--target <reference|dir>', '`reference`, or a project folder (default: yours, else the reference)');
  return addPhaseFlags(cmd, 'run')
    .addHelpText(
      'after',
      `
Everything it starts (the test site, services, databases of its own, your project) is stopped and removed when
it ends, on Ctrl-C (exit 130) and on a crash; output goes to runs/phase-N and logs/ in your workspace.

Examples:
  $ roadmap run phase-1                       # your scraper (or the reference) crawls 10,000 pages
  $ roadmap run phase-1 --site-only           # just the test site, for your own runs
  $ roadmap run phase-2 --target reference    # the shipped API, to try with curl`,
    )
    .action((phase: number, opts: RunCommandOptions) => runRun(deps, phase, opts));
}
