import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceOf } from '../coach/context.js';
import type { Deps } from '../deps.js';
import { untilInterrupted } from '../system/interrupt.js';
import { tildify } from '../system/paths.js';
import type { PhaseOptions } from './phase-verifier.js';
import { requireReference, workspaceProjectDir, type Target } from './target.js';
import { logFileFor, prepareTarget, requireVerifier, targetStarter } from './verify-engine.js';

export interface RunPhaseOptions extends PhaseOptions {
  readonly phase: number;
  readonly target?: string;
  /** Only serve the phase's test site (for a learner pointing their own code at it) until Ctrl-C. */
  readonly siteOnly?: boolean;
}

/**
 * `roadmap run phase-N`: runs a phase's mini-project for a person to watch (phase 1: the fixture site and a
 * crawl of it with its progress bar), its output under `<workspace>/runs/phase-N`. Without `--target` it runs the
 * learner's project, or the reference when they have none yet (and says so). Everything started is stopped on
 * exit and Ctrl-C. Returns the exit code.
 */
export async function runPhase(deps: Deps, options: RunPhaseOptions): Promise<number> {
  const plan = await deps.plan();
  const verifier = await requireVerifier(plan, options.phase, 'run');
  const workspace = await workspaceOf(deps);
  const reference = requireReference(deps.paths.packageRoot, options.phase);
  let target: Target;
  if (options.siteOnly) target = { kind: 'reference', project: reference };
  else if (options.target === undefined && !existsSync(workspaceProjectDir(workspace, reference))) {
    deps.io.err(`No phase ${options.phase} project of yours yet (\`roadmap project init phase-${options.phase}\`): running the reference.\n`);
    target = (await prepareTarget(deps, options.phase, 'reference')).target;
  } else target = (await prepareTarget(deps, options.phase, options.target)).target;
  const outDir = join(workspace, 'runs', `phase-${options.phase}`);
  mkdirSync(outDir, { recursive: true });
  const logFile = logFileFor(deps, workspace, `run-phase-${options.phase}`);
  const signals = untilInterrupted();
  try {
    const code = await verifier.watch({
      deps,
      project: target.project,
      options,
      outDir,
      logFile,
      startTarget: targetStarter(deps, target, logFile, verifier.contractEnv),
      interrupted: signals.interrupted.then(() => undefined),
    });
    deps.io.err(`log: ${tildify(logFile, deps.env)}\n`);
    return code;
  } finally {
    signals.dispose();
  }
}
