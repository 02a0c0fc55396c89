import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldRuns, type CriterionRun } from '../core/criteria.js';
import type { Plan } from '../core/plan.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { workspaceOf } from '../coach/context.js';
import { requirePhase } from '../coach/tasks.js';
import { machineInfo, nodeVersion } from '../system/runtime.js';
import type { StartOptions } from '../system/runner.js';
import type { PhaseOptions, PhaseVerifier } from './phase-verifier.js';
import { loadVerifier, VERIFIED_PHASES } from './phases.js';
import { writeReportFiles, type VerifyReport } from './report-files.js';
import { requireInstalled, resolveTarget, type Target } from './target.js';

export interface VerifyOptions extends PhaseOptions {
  readonly phase: number;
  /** `reference`, a folder, or undefined for the learner's project in the workspace. */
  readonly target?: string;
  /** @default 1 */
  readonly repeat?: number;
  /** A one-line status as the checks go (the CLI redraws it on a terminal). */
  readonly onProgress?: (status: string) => void;
}

export interface VerifyOutcome {
  readonly report: VerifyReport;
  readonly files: { readonly json: string; readonly md: string };
  /** Whether the results went into the store (full-size runs only). */
  readonly recorded: boolean;
}

/** The phase's verifier, or a usage error naming the phases that have one. */
export async function requireVerifier(plan: Plan, phase: number, verb: string): Promise<PhaseVerifier> {
  requirePhase(plan, phase);
  const verifier = loadVerifier(phase);
  if (!verifier) {
    throw new UsageError(`roadmap ${verb} phase-${phase}: not available yet in this version (available: ${VERIFIED_PHASES.map((p) => `phase-${p}`).join(', ')})`);
  }
  return verifier;
}

/** Resolves the target and checks it can start; shared by verify and run. */
export async function prepareTarget(deps: Deps, phase: number, target: string | undefined): Promise<{ target: Target; workspace: string }> {
  const workspace = await workspaceOf(deps);
  const resolved = resolveTarget({ packageRoot: deps.paths.packageRoot, workspace, env: deps.env, phase, target });
  requireInstalled(resolved.project, deps.env);
  return { target: resolved, workspace };
}

/** `<workspace>/logs/<what>-<stamp>.log`, the folder created. */
export function logFileFor(deps: Deps, workspace: string, what: string): string {
  const dir = join(workspace, 'logs');
  mkdirSync(dir, { recursive: true });
  const stamp = deps.clock.now().toISOString().replace(/[:.]/g, '-');
  return join(dir, `${what}-${stamp}.log`);
}

/** Starts the project's contract command with `args`, in its folder, through the one runner. */
export function targetStarter(deps: Deps, target: Target, logFile: string, contractEnv: readonly string[] = []) {
  // roadmap's own environment minus the contract's variables: a DATABASE_URL in the learner's shell must not reach
  // the target; only what the verifier passes in `env` does.
  const inherited = Object.fromEntries(Object.entries(deps.env).filter(([k]) => !contractEnv.includes(k)));
  return (args: readonly string[], onLine?: StartOptions['onLine'], env?: Readonly<Record<string, string>>) => {
    const [file, ...first] = target.project.command;
    return deps.runner.start(file!, [...first, ...args], { cwd: target.project.dir, logFile, onLine, env: { ...inherited, ...env } });
  };
}

function roadmapVersion(packageRoot: string): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Verifies a phase's acceptance criteria against a target: runs the phase's checks `repeat` times, folds
 * the figures (median, spread; a criterion holds only if it held every run), writes reports/phase-N.{json,md}
 * in the workspace and, for a full-size run, records each criterion's verdict in the store.
 */
export async function verifyPhase(deps: Deps, options: VerifyOptions): Promise<VerifyOutcome> {
  const plan = await deps.plan();
  const verifier = await requireVerifier(plan, options.phase, 'verify');
  const repeat = options.repeat ?? 1;
  const { target, workspace } = await prepareTarget(deps, options.phase, options.target);
  const logFile = logFileFor(deps, workspace, `verify-phase-${options.phase}`);
  const progress = options.onProgress ?? (() => {});
  const startTarget = targetStarter(deps, target, logFile, verifier.contractEnv);
  const started = performance.now();
  const runs: CriterionRun[][] = [];
  for (let run = 1; run <= repeat; run++) {
    const workDir = mkdtempSync(join(tmpdir(), `roadmap-verify-${options.phase}-`));
    try {
      runs.push(await verifier.measure({ deps, project: target.project, options, run, runs: repeat, workDir, logFile, progress, startTarget }));
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  const phase = plan.phases.find((p) => p.number === options.phase)!;
  const criteria = phase.criteria.map((c) => foldRuns(c.id, c.title, runs.map((r) => r.find((x) => x.id === c.id) ?? { id: c.id, figures: [], failures: ['not measured by this version of the verifier'] })));
  const { settings, full } = verifier.settings(options);
  const now = deps.clock.now();
  const report: VerifyReport = {
    phase: options.phase,
    phaseTitle: phase.title,
    target: { kind: target.kind, name: target.project.name, dir: target.project.dir },
    date: now.toISOString(),
    node: nodeVersion(),
    machine: machineInfo(),
    roadmapVersion: roadmapVersion(deps.paths.packageRoot),
    repeat,
    settings,
    full,
    durationMs: Math.round(performance.now() - started),
    passed: criteria.every((c) => c.passed),
    criteria,
    logFile,
  };
  const files = writeReportFiles(join(workspace, 'reports'), report);
  if (full) {
    const store = await deps.store();
    for (const c of criteria) {
      await store.checks.recordCriterion({ criterionId: c.id, verifiedAtMs: now.getTime(), passed: c.passed, target: `${target.kind}:${target.project.dir}`, figures: c.figures });
    }
  }
  return { report, files, recorded: full };
}
