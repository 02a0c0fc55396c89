/**
 * "CI fails if coverage or mutation drops", proved by doing it in a copy of the target: its CI command runs green
 * as committed; then with the unit tests of the domain deleted (the coverage gate must fail it, before the
 * mutation gate runs); then with them back and the assertions of the tests that kill most mutants disabled
 * (the coverage holds, so the mutation gate must fail it). The outcome of a proof is cached by the project's
 * content: a rerun on an unchanged target takes seconds. Stryker's incremental file is kept between proofs, so
 * a changed target only retests the mutants its change touches.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { figure, type Figure } from '../../core/criteria.js';
import type { CheckContext, CheckOutcome } from '../frame.js';
import { readWorkspace } from '../phase-3/workspace.js';
import { makeCiCopy, contentHash, type CiCopy, type CiRun } from './ci-copy.js';
import { disableAssertions } from './disable-assertions.js';
import { planDisable, type MutationReport } from './mutation-report.js';

export const COVERAGE_GOAL = 85;
export const MUTATION_GOAL = 90;
/** How far under the goal the disabled assertions aim the predicted score, so a few extra kills cannot hide it. */
const MUTATION_MARGIN = 3;
const INCREMENTAL_FILE = 'reports/stryker-incremental.json';
/** Bumped when the proof changes, so an outcome cached by an older roadmap is not reused. */
const PROOF_VERSION = 1;

export interface GatesInput {
  readonly ci: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Also prove the mutation gate (stages 2 and 3, the criterion); the coverage gate alone for stage 1. */
  readonly mutation: boolean;
  /** Per CI run. */
  readonly runTimeoutMs: number;
}

const seconds = (ms: number | null): number => Math.round((ms ?? 0) / 100) / 10;
/** Why a CI run failed, in one line: the failing tests vitest named (FAIL / ×), else the last lines of output. */
const tail = (run: CiRun): string => {
  const failing = [...new Set(run.lines.map((l) => /^\s*(?:FAIL|×)\s+(.+)$/.exec(l)?.[1]?.trim()).filter((l): l is string => !!l))];
  const last = run.lines.filter((l) => l.trim()).slice(-3).map((l) => l.trim()).join(' / ');
  return (failing.length ? `${failing.slice(0, 3).join('; ')} (${last})` : last).slice(0, 400);
};

function cacheDir(ctx: CheckContext): string {
  return join(ctx.deps.paths.home, 'cache', 'verify-phase-4');
}

/** The domain's unit tests (those Stryker ran on files of the domain package), else every test file under a domain folder. */
function domainTests(copy: CiCopy, report: MutationReport | null): string[] {
  const ws = readWorkspace(copy.dir);
  const domainDirs = typeof ws === 'string' ? [] : ws.packages.filter((p) => p.layer === 'domain').map((p) => `${p.dir}/`);
  const inDomain = (f: string): boolean => (domainDirs.length ? domainDirs.some((d) => f.startsWith(d)) : /(^|\/)domain\//.test(f));
  const all = copy.testFiles();
  const fromReport = Object.keys(report?.testFiles ?? {}).filter((f) => inDomain(f) && all.includes(f));
  return fromReport.length ? fromReport : all.filter(inDomain);
}

function greenFigures(run: CiRun, mutation: boolean): { figures: Figure[]; failures: string[] } {
  const figures: Figure[] = [figure('CI exit code, as committed', run.code ?? -1, '', { op: '=', value: 0 })];
  const failures: string[] = [];
  if (run.timedOut) failures.push('the CI command did not finish in time, as committed');
  else if (run.code === 127) failures.push('the "ci" command of roadmap.project.json was not found: name a command that runs the gates (e.g. ["npm", "run", "ci"])');
  else if (run.code !== 0) failures.push(`the CI command fails as committed (exit ${run.code ?? 'on a signal'}): ${tail(run)}`);
  if (run.coverage) {
    figures.push(figure('line coverage', run.coverage.lines, '%', { op: '>=', value: COVERAGE_GOAL }));
    figures.push(figure('branch coverage', run.coverage.branches, '%', { op: '>=', value: COVERAGE_GOAL }));
    if (run.coverageMs !== null) figures.push(figure('coverage gate time', seconds(run.coverageMs), 's'));
  } else if (run.code === 0) {
    failures.push("the CI run wrote no coverage/coverage-summary.json: run the tests with coverage (vitest's v8 provider) and add 'json-summary' to coverage.reporter");
  }
  if (mutation) {
    if (run.mutation) {
      figures.push(figure('mutation score', run.mutation.score, '%', { op: '>=', value: MUTATION_GOAL }));
      figures.push(figure('mutants', run.mutation.mutants, 'mutants'));
      if (run.mutationMs !== null) figures.push(figure('mutation gate time', seconds(run.mutationMs), 's'));
    } else if (run.code === 0) {
      failures.push(run.reportProblem ?? "the CI run did not run Stryker (no reports/mutation/mutation.json): add the mutation gate (`stryker run`, with the json reporter) to the CI command");
    }
  }
  figures.push(figure('CI time, as committed', seconds(run.ms), 's'));
  return { figures, failures };
}

/** The run with the domain's tests deleted: must fail, and on the coverage gate. */
function coverageDropFigures(run: CiRun, before: CiRun, deleted: readonly string[]): { figures: Figure[]; failures: string[] } {
  const failed = run.code !== 0 && !run.timedOut;
  const figures: Figure[] = [figure(`CI failed with ${deleted.length} domain test file${deleted.length === 1 ? '' : 's'} deleted`, failed ? 1 : 0, '', { op: '=', value: 1 })];
  if (run.coverage) {
    figures.push(figure('line coverage with them deleted', run.coverage.lines, '%'));
    figures.push(figure('branch coverage with them deleted', run.coverage.branches, '%'));
  }
  figures.push(figure('CI exit code with them deleted', run.code ?? -1, ''));
  const was = before.coverage ? `${before.coverage.lines} % lines, ${before.coverage.branches} % branches` : 'unknown';
  const now = run.coverage ? `${run.coverage.lines} % lines, ${run.coverage.branches} % branches` : 'unknown';
  const failures: string[] = [];
  const what = `deleting ${deleted.join(', ')}`;
  if (run.timedOut) failures.push(`with ${deleted.length} test files deleted the CI command did not finish in time`);
  else if (!failed) {
    const stillAbove = run.coverage && run.coverage.lines >= COVERAGE_GOAL && run.coverage.branches >= COVERAGE_GOAL;
    failures.push(
      stillAbove
        ? `${what} left coverage at ${now} (was ${was}) and CI passed: other tests cover the domain too; the proof needs a drop under ${COVERAGE_GOAL} %, so test the domain in its own files`
        : `coverage dropped from ${was} to ${now} and CI still passed: put the thresholds in the config (vitest: coverage.thresholds { lines: ${COVERAGE_GOAL}, branches: ${COVERAGE_GOAL} })`,
    );
  } else if (run.mutation && run.coverageThresholdErrors.length === 0) {
    failures.push(`coverage dropped from ${was} to ${now} and only the mutation gate failed CI: the coverage gate let the drop through (set coverage.thresholds { lines: ${COVERAGE_GOAL}, branches: ${COVERAGE_GOAL} })`);
  } else if (!run.coverage) {
    failures.push(`with the domain's tests deleted CI failed before it wrote a coverage summary (exit ${run.code}): ${tail(run)}`);
  } else if (run.coverageThresholdErrors.length === 0 && run.coverage.lines >= COVERAGE_GOAL && run.coverage.branches >= COVERAGE_GOAL) {
    failures.push(`with the domain's tests deleted CI failed (exit ${run.code}) but coverage is still ${now}: it failed for another reason: ${tail(run)}`);
  }
  return { figures, failures };
}

/** The run with assertions disabled: coverage holds, so the mutation gate must fail it. */
function mutationDropFigures(run: CiRun, disabled: readonly string[], assertions: number): { figures: Figure[]; failures: string[] } {
  const failed = run.code !== 0 && !run.timedOut;
  const figures: Figure[] = [figure(`CI failed with ${assertions} assertions disabled in ${disabled.length} test file${disabled.length === 1 ? '' : 's'}`, failed ? 1 : 0, '', { op: '=', value: 1 })];
  if (run.mutation) figures.push(figure('mutation score with them disabled', run.mutation.score, '%'));
  if (run.mutationMs !== null) figures.push(figure('mutation gate time with them disabled', seconds(run.mutationMs), 's'));
  figures.push(figure('CI exit code with them disabled', run.code ?? -1, ''));
  const failures: string[] = [];
  if (run.timedOut) failures.push('with assertions disabled the CI command did not finish in time');
  else if (!run.mutation) {
    failures.push(
      run.coverageThresholdErrors.length
        ? `disabling the assertions of ${disabled.join(', ')} failed the coverage gate (${run.coverageThresholdErrors[0]}), so the mutation gate was never reached: keep the tests' calls outside expect() callbacks`
        : `with assertions disabled CI ${failed ? `failed (exit ${run.code})` : 'passed'} without running Stryker: ${tail(run)}`,
    );
  } else if (!failed) {
    failures.push(`the mutation score fell to ${run.mutation.score} % and CI still passed: set Stryker's thresholds.break to ${MUTATION_GOAL} so the drop fails the run`);
  } else if (run.mutation.score >= MUTATION_GOAL) {
    failures.push(`with assertions disabled CI failed (exit ${run.code}) but the mutation score is still ${run.mutation.score} %: it failed for another reason: ${tail(run)}`);
  }
  return { figures, failures };
}

interface Cached {
  readonly version: number;
  readonly hash: string;
  readonly at: string;
  readonly outcome: CheckOutcome;
}

/** The proof. `shared` by the checks of a run that need it (stage and criterion). */
export async function proveGates(ctx: CheckContext, input: GatesInput): Promise<CheckOutcome> {
  const project = ctx.project;
  const hash = contentHash(project.dir, [String(PROOF_VERSION), input.ci.join(' '), String(input.mutation), process.version]);
  const cached = join(cacheDir(ctx), `${hash}.json`);
  if (ctx.options.fresh !== true && existsSync(cached)) {
    try {
      const c = JSON.parse(readFileSync(cached, 'utf8')) as Cached;
      if (c.version === PROOF_VERSION && c.hash === hash) {
        ctx.progress('CI gates: the project is unchanged since the last proof (cached; --fresh runs it again)');
        return { figures: [...c.outcome.figures, figure('proof reused from an unchanged project (--fresh reruns)', 1, '')], failures: c.outcome.failures };
      }
    } catch {
      // A damaged cache entry is proved again.
    }
  }

  const copy = makeCiCopy(ctx.deps, ctx, project, input.ci, join(ctx.workDir, 'ci-copy'), input.env, ctx.logFile);
  const incremental = join(cacheDir(ctx), `${project.name}-stryker-incremental.json`);
  if (!existsSync(join(copy.dir, INCREMENTAL_FILE)) && existsSync(incremental)) {
    mkdirSync(dirname(join(copy.dir, INCREMENTAL_FILE)), { recursive: true });
    copyFileSync(incremental, join(copy.dir, INCREMENTAL_FILE));
  }
  const figures: Figure[] = [];
  const failures: string[] = [];

  ctx.progress('CI gates: the CI command as committed');
  const green = await copy.run(ctx.progress, input.runTimeoutMs, ctx.signal);
  const g = greenFigures(green, input.mutation);
  figures.push(...g.figures);
  failures.push(...g.failures);
  if (existsSync(join(copy.dir, INCREMENTAL_FILE))) {
    mkdirSync(cacheDir(ctx), { recursive: true });
    copyFileSync(join(copy.dir, INCREMENTAL_FILE), incremental);
  }
  if (failures.length || ctx.signal.aborted) return { figures, failures };

  const deleted = domainTests(copy, green.report);
  if (deleted.length === 0) return { figures, failures: ['no test file of the domain found (packages/domain/src/*.test.ts): the coverage proof deletes them'] };
  for (const f of deleted) copy.remove(f);
  ctx.progress(`CI gates: the CI command with ${deleted.length} domain test files deleted`);
  const dropped = await copy.run(ctx.progress, input.runTimeoutMs, ctx.signal);
  const c = coverageDropFigures(dropped, green, deleted);
  figures.push(...c.figures);
  failures.push(...c.failures);
  for (const f of deleted) copy.restore(f);
  if (!input.mutation || ctx.signal.aborted) return finish(ctx, cached, hash, { figures, failures });

  const goal = Math.min(MUTATION_GOAL, Number((green.report as { thresholds?: { break?: unknown } } | null)?.thresholds?.break ?? MUTATION_GOAL)) - MUTATION_MARGIN;
  const plan = green.report ? planDisable(green.report, goal) : null;
  if (!plan) return { figures, failures: [...failures, "Stryker's report names no tests that kill mutants (coverageAnalysis \"off\"?): set coverageAnalysis to \"perTest\""] };
  let assertions = 0;
  const disabled: string[] = [];
  for (const f of plan.files) {
    const d = disableAssertions(copy.read(f), f);
    if (!d) continue;
    copy.write(f, d.text);
    assertions += d.assertions;
    disabled.push(f);
  }
  if (disabled.length === 0) return { figures, failures: [...failures, `the tests that kill most mutants (${plan.files.join(', ')}) use no expect() or node:assert roadmap can disable`] };
  figures.push(figure('mutation score predicted with them disabled', plan.predictedScore, '%'));
  ctx.progress(`CI gates: the CI command with the assertions of ${disabled.length} test files disabled`);
  const weakened = await copy.run(ctx.progress, input.runTimeoutMs, ctx.signal);
  const m = mutationDropFigures(weakened, disabled, assertions);
  figures.push(...m.figures);
  failures.push(...m.failures);
  return finish(ctx, cached, hash, { figures, failures });
}

/** Keeps a passing proof for the next run on the same content (a failing one is proved again). */
function finish(ctx: CheckContext, file: string, hash: string, outcome: CheckOutcome): CheckOutcome {
  if (outcome.failures.length === 0 && outcome.figures.every((f) => f.pass !== false) && !ctx.signal.aborted) {
    mkdirSync(dirname(file), { recursive: true });
    const entry: Cached = { version: PROOF_VERSION, hash, at: new Date().toISOString(), outcome };
    writeFileSync(file, `${JSON.stringify(entry)}\n`);
  }
  return outcome;
}
