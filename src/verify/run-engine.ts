import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceOf } from '../coach/context.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { tildify } from '../system/paths.js';
import { reapLeftovers } from './kit/reaper.js';
import { CleanupScope } from './kit/scope.js';
import { resolveOptions, type OptionValues } from './options.js';
import { requireReference, workspaceProjectDir, type Target } from './target.js';
import { logFileFor, prepareTarget, requireVerifier, targetStarter } from './verify-engine.js';
import { ensureDir } from '../system/ensure-dir.js';

export interface RunPhaseOptions {
  readonly phase: number;
  readonly target?: string;
  /** The phase's flags as given (`pages`, `siteOnly` …), checked against its declarations. */
  readonly options?: OptionValues;
}

/**
 * `roadmap run phase-N`: runs a phase's mini-project for a person to watch (phase 1: the fixture site and a
 * crawl of it with its progress bar; phase 2: the API on its own database until Ctrl-C), its output under
 * `<workspace>/runs/phase-N`. Without `--target` it runs the learner's project, or the reference when they have
 * none yet (and says so). Everything started is stopped when it ends, and on Ctrl-C, SIGTERM or a crash through
 * the lifecycle. Returns the exit code.
 */
export async function runPhase(deps: Deps, opts: RunPhaseOptions): Promise<number> {
  const plan = await deps.plan();
  const verifier = await requireVerifier(plan, opts.phase, 'run');
  if (!verifier.watch) throw new UsageError(`phase ${opts.phase} has nothing to run: \`roadmap verify phase-${opts.phase}\` checks it`);
  const options = resolveOptions(opts.phase, verifier.options, 'run', opts.options ?? {});
  await reapLeftovers(deps);
  const workspace = await workspaceOf(deps);
  const reference = requireReference(deps.paths.packageRoot, opts.phase);
  let target: Target;
  if (options.siteOnly) target = { kind: 'reference', project: reference };
  else if (opts.target === undefined && !existsSync(workspaceProjectDir(workspace, reference))) {
    deps.io.err(`No phase ${opts.phase} project of yours yet (\`roadmap project init phase-${opts.phase}\`): running the reference.\n`);
    target = (await prepareTarget(deps, verifier, 'reference')).target;
  } else target = (await prepareTarget(deps, verifier, opts.target)).target;
  const outDir = join(workspace, 'runs', `phase-${opts.phase}`);
  ensureDir(outDir);
  const logFile = logFileFor(deps, workspace, `run-phase-${opts.phase}`);
  const scope = new CleanupScope(deps.lifecycle);
  scope.defer(() => void deps.io.err(`log: ${tildify(logFile, deps.env)}\n`), 'name the log');
  try {
    return await verifier.watch({
      deps,
      project: target.project,
      options,
      outDir,
      logFile,
      signal: deps.lifecycle.signal,
      defer: (cleanup, label) => scope.defer(cleanup, label),
      startTarget: targetStarter(deps, target.project, logFile, verifier.contractEnv)(scope),
      interrupted: deps.lifecycle.interrupted.then(() => undefined),
    });
  } finally {
    await scope.close();
  }
}
