import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { foldRuns, skippedResult, summarizeVerdicts, type CriterionResult, type CriterionRun, type Verdict } from '../core/criteria.js';
import type { Phase, Plan, Stage } from '../core/plan.js';
import type { Project } from '../content/project.js';
import type { Deps } from '../deps.js';
import { RoadmapError, UsageError } from '../errors.js';
import { workspaceOf } from '../coach/context.js';
import { requirePhase } from '../coach/tasks.js';
import { machineInfo, nodeVersion } from '../system/runtime.js';
import type { StartOptions } from '../system/runner.js';
import { stoppedIfInterrupted } from '../services/interrupted.js';
import { tildify } from '../system/paths.js';
import { isMissing, type Check, type CheckContext, type CheckOutcome, type FixtureContext, type FixtureSpec, type Missing, type PhaseVerifier, type Scope } from './frame.js';
import { calibrateAfter, calibrateBefore } from './kit/calibration.js';
import { ContractError } from './kit/contract-error.js';
import { ownedTempDir, reapLeftovers } from './kit/reaper.js';
import { CleanupScope } from './kit/scope.js';
import { tagMilestone, type GitOutcome } from './milestone.js';
import { resolveOptions, type OptionValues } from './options.js';
import { loadVerifier, VERIFIED_PHASES } from './phases.js';
import { writeReportFiles, type StageResult, type VerifyReport } from './report-files.js';
import { requireInstalled, resolveTarget, type Target } from './target.js';
import { ensureDir } from '../system/ensure-dir.js';

export interface VerifyOptions {
  readonly phase: number;
  /** `reference`, a folder, or undefined for the learner's project in the workspace. */
  readonly target?: string;
  /** @default 1 */
  readonly repeat?: number;
  /** Run stages 1..K only, stopping at the first that fails. */
  readonly stage?: number;
  /** Tag the learner's repository `phase-N` on a full pass. @default true */
  readonly tag?: boolean;
  /** The phase's flags as given (checked against its declarations; defaults applied). */
  readonly options?: OptionValues;
  /** A one-line status as the checks go (the CLI redraws it on a terminal). */
  readonly onProgress?: (status: string) => void;
}

export interface VerifyOutcome {
  readonly report: VerifyReport;
  readonly files: { readonly json: string; readonly md: string; readonly latest: { readonly json: string; readonly md: string } | null };
  /** Whether the results count as the learner's progress (their own full-size run). */
  readonly recorded: boolean;
  /** The milestone tag, when the learner's own project was fully verified. */
  readonly tag: GitOutcome | null;
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

/** Resolves the target, checks it meets the phase's contract and can start; shared by verify and run. */
export async function prepareTarget(deps: Deps, verifier: PhaseVerifier, target: string | undefined): Promise<{ target: Target; workspace: string }> {
  const workspace = await workspaceOf(deps);
  const resolved = resolveTarget({ packageRoot: deps.paths.packageRoot, workspace, env: deps.env, phase: verifier.phase, target });
  const parsed = verifier.contract.safeParse(resolved.project);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RoadmapError(
      `${tildify(resolved.project.dir, deps.env)}/roadmap.project.json does not meet phase ${verifier.phase}'s contract (${issue.path.join('.') || 'top level'}: ${issue.message}): ${verifier.contractSummary}`,
    );
  }
  requireInstalled(resolved.project, deps.env);
  return { target: resolved, workspace };
}

/** `<workspace>/logs/<what>-<stamp>.log`, the folder created. */
export function logFileFor(deps: Deps, workspace: string, what: string): string {
  const dir = join(workspace, 'logs');
  ensureDir(dir);
  const stamp = deps.clock.now().toISOString().replace(/[:.]/g, '-');
  return join(dir, `${what}-${stamp}.log`);
}

/** Starts the project's contract command with `args`, in its folder, through the one runner; each process is stopped with `scope`. */
export function targetStarter(deps: Deps, project: Project, logFile: string, contractEnv: readonly string[] = []) {
  // roadmap's own environment minus the contract's variables: a DATABASE_URL in the learner's shell must not reach
  // the target; only what the verifier passes in `env` does.
  const inherited = Object.fromEntries(Object.entries(deps.env).filter(([k]) => !contractEnv.includes(k)));
  return (scope: Scope) =>
    (args: readonly string[], onLine?: StartOptions['onLine'], env?: Readonly<Record<string, string>>) => {
      const [file, ...first] = project.command ?? [];
      if (!file) throw new ContractError('roadmap.project.json names no "command" to start');
      const p = deps.runner.start(file, [...first, ...args], { cwd: project.dir, logFile, onLine, env: { ...inherited, ...env } });
      scope.defer(() => p.stop(), `stop ${file}`);
      return p;
    };
}

function roadmapVersion(packageRoot: string): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The fixtures of a verify: each resolved once, on first need, its teardown on the verify's scope. */
class Fixtures {
  private readonly resolved = new Map<string, Promise<unknown>>();

  constructor(private readonly ctx: Omit<FixtureContext, 'fixture'>) {}

  get<T>(spec: FixtureSpec<T>): Promise<T | Missing> {
    let p = this.resolved.get(spec.id) as Promise<T | Missing> | undefined;
    if (!p) {
      p = spec.resolve({ ...this.ctx, fixture: (other) => this.get(other) }).catch((error: unknown) => ({
        missing: true as const,
        reason: `could not prepare ${spec.label}: ${(error as Error).message}`,
        fix: 'roadmap doctor shows what this machine has',
      }));
      this.resolved.set(spec.id, p);
    }
    return p;
  }
}

/** The one-line reason for an exception inside a check: what the target did, or that the check itself broke. */
function reasonOf(deps: Deps, error: unknown): string {
  if (error instanceof ContractError || error instanceof RoadmapError) return error.message;
  const e = error as Error;
  if (deps.env.ROADMAP_DEBUG) deps.io.err(`${e?.stack ?? String(error)}\n`);
  return `the check stopped on an unexpected error: ${e?.message ?? String(error)}${deps.env.ROADMAP_DEBUG ? '' : ' (ROADMAP_DEBUG=1 shows where)'}`;
}

interface RunEnv {
  readonly deps: Deps;
  readonly project: Project;
  readonly options: OptionValues;
  readonly logFile: string;
  readonly progress: (status: string) => void;
  readonly startTarget: ReturnType<typeof targetStarter>;
  readonly fixtures: ReadonlyMap<string, unknown>;
}

/** The work shared by the checks of one run, and its scope. */
interface RunShare {
  readonly memo: Map<string, Promise<unknown>>;
  readonly scope: CleanupScope;
}

/**
 * Runs one check once, in its own scope (targets stopped, temp folder removed, whatever happens), with its own
 * time limit and catch: a timeout, an exception or a contract deviation is a failing outcome with one line.
 */
async function runCheck(env: RunEnv, check: Check, run: number, runs: number, share: RunShare): Promise<CheckOutcome> {
  const { deps } = env;
  const scope = new CleanupScope(deps.lifecycle);
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort('interrupted');
  if (deps.lifecycle.signal.aborted) onInterrupt();
  else deps.lifecycle.signal.addEventListener('abort', onInterrupt, { once: true });
  const workDir = ownedTempDir(scope, 'check');
  const limit = check.timeoutMs(env.options);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort('timeout');
      resolve({ figures: [], failures: [`did not finish within ${Math.round(limit / 1000)} s: stopped (log: ${env.logFile})`] });
    }, limit);
  });
  const ctx: CheckContext = {
    deps,
    project: env.project,
    options: env.options,
    signal: controller.signal,
    run,
    runs,
    workDir,
    logFile: env.logFile,
    // Which run a status belongs to is the engine's to say, the same way for every phase.
    progress: (status) => env.progress(runs > 1 ? `run ${run}/${runs} · ${status}` : status),
    defer: (cleanup, label) => scope.defer(cleanup, label),
    fixture: <T>(spec: FixtureSpec<T>) => {
      if (!env.fixtures.has(spec.id)) throw new Error(`check ${check.id} uses fixture ${spec.id} without declaring it in needs`);
      return env.fixtures.get(spec.id) as T;
    },
    shared: <T>(key: string, make: (s: Scope) => Promise<T>) => {
      let p = share.memo.get(key) as Promise<T> | undefined;
      if (!p) {
        // Shared work lives as long as the run, not the first check that asked for it.
        p = make(share.scope);
        share.memo.set(key, p);
      }
      return p;
    },
    startTarget: (args, onLine, e) => env.startTarget(scope)(args, onLine, e),
  };
  try {
    return await Promise.race([
      check.check(ctx).catch((error: unknown): CheckOutcome => ({ figures: [], failures: [reasonOf(deps, error)] })),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
    deps.lifecycle.signal.removeEventListener('abort', onInterrupt);
    await scope.close();
  }
}

/** Which fixture a check lacks here, if any. */
function lacking(check: Check, fixtures: ReadonlyMap<string, unknown>): Missing | null {
  for (const spec of check.needs) {
    const value = fixtures.get(spec.id);
    if (isMissing(value)) return value;
  }
  return null;
}

const TIME_UNITS = new Set(['ms', 's', 'requests/s', 'pages/s']);

/** Runs that failed only on time (latency, intervals, rates), which a busy machine can cause by itself. */
function timingOnlyFailure(runs: readonly CriterionRun[]): boolean {
  const failing = runs.flatMap((r) => r.figures.filter((f) => f.pass === false));
  return failing.length > 0 && runs.every((r) => r.failures.length === 0) && failing.every((f) => TIME_UNITS.has(f.unit));
}

function checkById(verifier: PhaseVerifier, id: string): Check {
  const check = verifier.stageChecks.find((c) => c.id === id);
  if (!check) throw new Error(`phase ${verifier.phase}'s verifier has no stage check "${id}" (named in plan.yaml)`);
  return check;
}

function stagesToRun(phase: Phase, stage: number | undefined): Stage[] {
  if (stage === undefined) return phase.stages.slice(-1);
  if (phase.stages.length === 0) throw new UsageError(`phase ${phase.number} has no stages yet: run \`roadmap verify phase-${phase.number}\` without --stage`);
  if (stage < 1 || stage > phase.stages.length) throw new UsageError(`--stage ${stage}: phase ${phase.number} has stages 1 to ${phase.stages.length}`);
  return phase.stages.slice(0, stage);
}

/**
 * Verifies a phase against a target. With `stage` K: stages 1..K, stopping at the first that fails (like a
 * CodeCrafters tester). Without: the last stage and every acceptance criterion, measured checks `repeat` times
 * (medians, spread; a criterion holds only if it held every run). Fixtures are resolved once; a check whose
 * fixture is missing here is skipped with the reason and the fix. Writes reports/phase-N/<target>-<stamp>.{json,md}
 * (and `latest` for the learner's own full runs), records the run in the store in one transaction, and tags the
 * learner's repository `phase-N` on a full pass.
 */
export async function verifyPhase(deps: Deps, opts: VerifyOptions): Promise<VerifyOutcome> {
  const plan = await deps.plan();
  const verifier = await requireVerifier(plan, opts.phase, 'verify');
  const phase = plan.phases.find((p) => p.number === opts.phase)!;
  const options = resolveOptions(opts.phase, verifier.options, 'verify', opts.options ?? {});
  const stages = stagesToRun(phase, opts.stage);
  await reapLeftovers(deps);
  const repeat = opts.repeat ?? 1;
  const { target, workspace } = await prepareTarget(deps, verifier, opts.target);
  const logFile = logFileFor(deps, workspace, `verify-phase-${opts.phase}`);
  const progress = opts.onProgress ?? (() => {});
  const started = performance.now();
  const runId = `${deps.clock.now().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;

  const scope = new CleanupScope(deps.lifecycle);
  try {
    const workDir = ownedTempDir(scope, 'verify');
    const criteria = opts.stage === undefined ? verifier.criteria : [];
    const checks = [...stages.flatMap((s) => s.checks.map((id) => checkById(verifier, id))), ...criteria];

    progress('measuring the machine (calibration)');
    const before = await calibrateBefore(deps, { http: verifier.loadsHttp === true, signal: deps.lifecycle.signal });

    const fixtures = new Fixtures({ deps, options, signal: deps.lifecycle.signal, workDir, logFile, progress, defer: (c, l) => scope.defer(c, l) });
    const resolved = new Map<string, unknown>();
    for (const spec of new Map(checks.flatMap((c) => c.needs).map((s) => [s.id, s])).values()) {
      stoppedIfInterrupted(deps);
      resolved.set(spec.id, await fixtures.get(spec));
    }
    const env: RunEnv = { deps, project: target.project, options, logFile, progress, startTarget: targetStarter(deps, target.project, logFile, verifier.contractEnv), fixtures: resolved };

    // Stages: once each, in order, stopping at the first that fails.
    const stageResults: StageResult[] = [];
    const stagesNotRun: string[] = [];
    for (const stage of stages) {
      if (stageResults.some((s) => s.verdict === 'failed')) {
        stagesNotRun.push(stage.id);
        continue;
      }
      progress(`stage ${stage.week}: ${stage.title}`);
      const share: RunShare = { memo: new Map(), scope: new CleanupScope(deps.lifecycle) };
      const results: CriterionResult[] = [];
      try {
        for (const id of stage.checks) {
          stoppedIfInterrupted(deps);
          const check = checkById(verifier, id);
          const skip = lacking(check, resolved);
          results.push(skip ? skippedResult(id, stage.title, { reason: skip.reason, fix: skip.fix }) : foldRuns(id, stage.title, [{ id, ...(await runCheck(env, check, 1, 1, share)) }]));
        }
      } finally {
        await share.scope.close();
      }
      const verdict: Verdict = results.some((r) => r.verdict === 'failed') ? 'failed' : results.some((r) => r.verdict === 'skipped') ? 'skipped' : 'passed';
      stageResults.push({ id: stage.id, week: stage.week, title: stage.title, verdict, checks: results });
    }

    // Criteria: measured ones every run, the others once.
    const runsByCriterion = new Map<string, CriterionRun[]>();
    for (let run = 1; run <= repeat && criteria.length > 0; run++) {
      const share: RunShare = { memo: new Map(), scope: new CleanupScope(deps.lifecycle) };
      try {
        for (const check of criteria) {
          stoppedIfInterrupted(deps);
          if (lacking(check, resolved) || (run > 1 && check.kind !== 'measured')) continue;
          const outcome = await runCheck(env, check, run, check.kind === 'measured' ? repeat : 1, share);
          runsByCriterion.set(check.id, [...(runsByCriterion.get(check.id) ?? []), { id: check.id, ...outcome }]);
        }
      } finally {
        await share.scope.close();
      }
    }
    const criterionResults = criteria.map((check): CriterionResult => {
      const title = phase.criteria.find((c) => c.id === check.id)?.title ?? check.id;
      const skip = lacking(check, resolved);
      return skip ? skippedResult(check.id, title, { reason: skip.reason, fix: skip.fix }) : foldRuns(check.id, title, runsByCriterion.get(check.id) ?? []);
    });
    stoppedIfInterrupted(deps);
    const calibration = calibrateAfter(before);

    const verdicts = [...stageResults.map((s) => s.verdict), ...stagesNotRun.map((): Verdict => 'failed'), ...criterionResults.map((c) => c.verdict)];
    const summary = summarizeVerdicts(verdicts);
    const { settings, full } = verifier.settings(options);
    const now = deps.clock.now();
    const report: VerifyReport = {
      schema: 2,
      runId,
      phase: opts.phase,
      phaseTitle: phase.title,
      target: { kind: target.kind, name: target.project.name, dir: target.project.dir },
      date: now.toISOString(),
      node: nodeVersion(),
      machine: machineInfo(),
      roadmapVersion: roadmapVersion(deps.paths.packageRoot),
      repeat,
      stage: opts.stage ?? null,
      settings,
      full,
      durationMs: Math.round(performance.now() - started),
      passed: summary.failed === 0 && summary.skipped === 0,
      summary: summary.text,
      stages: stageResults,
      stagesNotRun,
      criteria: criterionResults,
      calibration,
      logFile,
    };
    const learners = target.kind !== 'reference';
    const counts = learners && full && opts.stage === undefined;
    const files = writeReportFiles(join(workspace, 'reports'), report, { latest: counts });

    // What counts as progress: full-size runs; a skip never, nor a failure of timing figures alone on a busy machine.
    const recordedCriteria = full ? criterionResults.filter((c) => c.verdict !== 'skipped' && !(calibration.busy && c.verdict === 'failed' && timingOnlyFailure(runsByCriterion.get(c.id) ?? []))) : [];
    const store = await deps.store();
    await store.checks.recordVerifyRun({
      id: runId,
      phase: opts.phase,
      targetKind: target.kind,
      targetDir: target.project.dir,
      finishedAtMs: now.getTime(),
      stage: opts.stage ?? null,
      full,
      settings,
      summary: summary.text,
      reportFile: files.json,
      stages: stageResults.map((s) => ({ stageId: s.id, verdict: s.verdict })),
      criteria: recordedCriteria.map((c) => ({ criterionId: c.id, verdict: c.verdict, figures: c.figures })),
    });

    let tag: GitOutcome | null = null;
    if (counts && report.passed && opts.tag !== false) {
      const figures = criterionResults.map((c) => `${c.title}: ${c.figures.filter((f) => f.threshold).map((f) => `${f.name} ${f.value} ${f.unit}`).join(', ')}`);
      tag = await tagMilestone(deps, target.project.dir, opts.phase, [`Phase ${opts.phase} — ${phase.title}: ${summary.text}`, '', ...figures, '', `roadmap verify run ${runId}`].join('\n'));
    }
    return { report, files, recorded: counts, tag };
  } finally {
    await scope.close();
  }
}

/**
 * Runs the named checks of a phase once each on a target, with the fixtures they need, and nothing else: no
 * calibration, no report, no record. For tests of one check on a mutated copy (a whole verify would prove every
 * other criterion again); a check whose fixture is missing here comes back as that Missing.
 */
export async function runChecksOnce(deps: Deps, opts: { readonly phase: number; readonly target: string; readonly checks: readonly string[]; readonly options?: OptionValues }): Promise<Record<string, CheckOutcome | Missing>> {
  const plan = await deps.plan();
  const verifier = await requireVerifier(plan, opts.phase, 'verify');
  const options = resolveOptions(opts.phase, verifier.options, 'verify', opts.options ?? {});
  const { target, workspace } = await prepareTarget(deps, verifier, opts.target);
  const logFile = logFileFor(deps, workspace, `verify-phase-${opts.phase}`);
  const all = [...verifier.stageChecks, ...verifier.criteria];
  const checks = opts.checks.map((id) => all.find((c) => c.id === id) ?? checkById(verifier, id));
  const scope = new CleanupScope(deps.lifecycle);
  try {
    const workDir = ownedTempDir(scope, 'verify');
    const fixtures = new Fixtures({ deps, options, signal: deps.lifecycle.signal, workDir, logFile, progress: () => {}, defer: (c, l) => scope.defer(c, l) });
    const resolved = new Map<string, unknown>();
    for (const spec of new Map(checks.flatMap((c) => c.needs).map((s) => [s.id, s])).values()) resolved.set(spec.id, await fixtures.get(spec));
    const env: RunEnv = { deps, project: target.project, options, logFile, progress: () => {}, startTarget: targetStarter(deps, target.project, logFile, verifier.contractEnv), fixtures: resolved };
    const share: RunShare = { memo: new Map(), scope: new CleanupScope(deps.lifecycle) };
    const out: Record<string, CheckOutcome | Missing> = {};
    try {
      for (const check of checks) out[check.id] = lacking(check, resolved) ?? (await runCheck(env, check, 1, 1, share));
    } finally {
      await share.scope.close();
    }
    return out;
  } finally {
    await scope.close();
  }
}
