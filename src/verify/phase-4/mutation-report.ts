/**
 * Stryker's JSON report (mutation-testing-report-schema, written by its `json` reporter, by default to
 * reports/mutation/mutation.json): the score, and which tests cover and kill which mutant, so the CI-gate proof
 * can pick the tests whose assertions, once disabled, must bring the score down.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const Mutant = z.looseObject({
  id: z.string(),
  status: z.string(),
  killedBy: z.array(z.string()).optional(),
  coveredBy: z.array(z.string()).optional(),
});

const Report = z.looseObject({
  files: z.record(z.string(), z.looseObject({ mutants: z.array(Mutant) })),
  testFiles: z.record(z.string(), z.looseObject({ tests: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })) })).optional(),
});

export type MutationReport = z.infer<typeof Report>;

/** Where Stryker's json reporter writes unless `jsonReporter.fileName` says otherwise. */
export const MUTATION_REPORT = 'reports/mutation/mutation.json';

/** The report, or why it cannot be read (one line). */
export function readMutationReport(file: string): MutationReport | string {
  if (!existsSync(file)) return `no ${MUTATION_REPORT}: add Stryker's "json" reporter (reporters: [..., "json"]) so its score can be read`;
  try {
    const parsed = Report.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : `${MUTATION_REPORT} is not a Stryker report: ${parsed.error.issues[0]!.message}`;
  } catch (error) {
    return `${MUTATION_REPORT} is not valid JSON (${(error as Error).message})`;
  }
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export interface MutationCounts {
  readonly mutants: number;
  readonly killed: number;
  readonly survived: number;
  /** Compile and runtime errors and ignored mutants: not part of the score, as Stryker counts it. */
  readonly invalid: number;
  /** Stryker's mutation score: detected ÷ (detected + undetected), in %. */
  readonly score: number;
}

export function mutationCounts(report: MutationReport): MutationCounts {
  let killed = 0;
  let survived = 0;
  let invalid = 0;
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (DETECTED.has(m.status)) killed++;
      else if (UNDETECTED.has(m.status)) survived++;
      else invalid++;
    }
  }
  const valid = killed + survived;
  return { mutants: killed + survived + invalid, killed, survived, invalid, score: valid === 0 ? 0 : Math.round((killed / valid) * 10_000) / 100 };
}

/** The test file of each test id (from `testFiles`; vitest-runner ids also start with the file's path). */
function testFileOf(report: MutationReport): (testId: string) => string | undefined {
  const byId = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) for (const t of tests) byId.set(t.id, file);
  return (id) => byId.get(id) ?? /^(.+?\.(?:test|spec)\.[cm]?[jt]sx?)/.exec(id)?.[1];
}

export interface DisablePlan {
  /** Test files whose assertions are to be disabled, most telling first. */
  readonly files: readonly string[];
  /** Mutants killed now that no remaining test can kill once those assertions pass whatever happens. */
  readonly predictedSurvivors: number;
  readonly predictedScore: number;
}

/**
 * The fewest test files (greedily) whose assertions, disabled, leave the score under `goal`: a killed mutant
 * survives for sure when every test that covers it is in those files (its `coveredBy`; `killedBy` when the
 * report has no coverage). Null when the report names no tests.
 */
export function planDisable(report: MutationReport, goal: number): DisablePlan | null {
  const fileOf = testFileOf(report);
  const counts = mutationCounts(report);
  const valid = counts.killed + counts.survived;
  // For each killed mutant, the set of test files that cover it.
  const killed: Set<string>[] = [];
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (!DETECTED.has(m.status)) continue;
      const tests = m.coveredBy?.length ? m.coveredBy : (m.killedBy ?? []);
      const files = new Set(tests.map(fileOf).filter((f): f is string => f !== undefined));
      if (files.size) killed.push(files);
    }
  }
  if (killed.length === 0) return null;
  const chosen = new Set<string>();
  const survivors = (): number => killed.filter((files) => [...files].every((f) => chosen.has(f))).length;
  /** Killed mutants `c` covers that are not sure survivors yet. */
  const uncovered = (c: string): number => killed.filter((files) => files.has(c) && ![...files].every((f) => chosen.has(f))).length;
  const candidates = [...new Set(killed.flatMap((s) => [...s]))].sort();
  const scoreWith = (n: number): number => (valid === 0 ? 0 : Math.round(((counts.killed - n) / valid) * 10_000) / 100);
  while (scoreWith(survivors()) >= goal) {
    const now = survivors();
    let best: string | undefined;
    let bestGain = 0;
    for (const c of candidates) {
      if (chosen.has(c)) continue;
      chosen.add(c);
      const gain = survivors() - now;
      chosen.delete(c);
      if (gain > bestGain) [best, bestGain] = [c, gain];
    }
    // No single file adds a sure survivor (each left is covered by several files): take the one covering most.
    best ??= candidates.filter((c) => !chosen.has(c)).sort((a, b) => uncovered(b) - uncovered(a) || (a < b ? -1 : 1))[0];
    if (!best) break;
    chosen.add(best);
  }
  return { files: [...chosen], predictedSurvivors: survivors(), predictedScore: scoreWith(survivors()) };
}
