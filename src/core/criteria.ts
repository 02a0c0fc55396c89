/**
 * The criteria model of `roadmap verify`: a phase's acceptance criterion is judged by figures (a measured value,
 * its unit and, when the criterion states one, a threshold). Repeated runs are folded into one figure per name:
 * its median and spread, passing only if it held in every run — a figure measured on a shared machine is noisy,
 * and a criterion that holds once in three runs does not hold.
 */

export type Threshold =
  | { readonly op: '<' | '<=' | '>' | '>=' | '='; readonly value: number }
  | { readonly op: 'between'; readonly min: number; readonly max: number };

/** One measured figure of one run. `pass` is null for figures that are reported, not judged (peak RSS). */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly threshold: Threshold | null;
  readonly pass: boolean | null;
}

/** A figure over every run: `value` is the median, `runs` each run's value in order. */
export interface FigureSummary extends Figure {
  readonly runs: readonly number[];
  readonly min: number;
  readonly max: number;
}

/** One run's verdict on a criterion: its figures and, when it failed, why (one line each). */
export interface CriterionRun {
  readonly id: string;
  readonly figures: readonly Figure[];
  readonly failures: readonly string[];
}

/**
 * A check's verdict. `skipped` means it could not be measured here (a capability is missing: no Docker, no
 * Ollama): it is never the learner's failure, and a phase with skips is "n of m verified", not "passed".
 */
export type Verdict = 'passed' | 'failed' | 'skipped';

/** Why a check was skipped, and what would let it run ("needs Docker or kind", "roadmap doctor"). */
export interface Skip {
  readonly reason: string;
  readonly fix: string;
}

export interface CriterionResult {
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict;
  /** `verdict === 'passed'`, kept for readers of older reports. */
  readonly passed: boolean;
  /** Set when the verdict is `skipped`. */
  readonly skip?: Skip;
  readonly figures: readonly FigureSummary[];
  /** Why it failed, one line each (stated failures first, then failing figures), prefixed with the run when there were several. Empty when passed. */
  readonly reasons: readonly string[];
}

export function holds(value: number, threshold: Threshold): boolean {
  switch (threshold.op) {
    case '<':
      return value < threshold.value;
    case '<=':
      return value <= threshold.value;
    case '>':
      return value > threshold.value;
    case '>=':
      return value >= threshold.value;
    case '=':
      return value === threshold.value;
    case 'between':
      return value >= threshold.min && value <= threshold.max;
  }
}

/** A figure judged against its threshold (or reported only, without one). */
export function figure(name: string, value: number, unit: string, threshold: Threshold | null = null): Figure {
  return { name, value, unit, threshold, pass: threshold === null ? null : holds(value, threshold) };
}

const number = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(Number(n.toFixed(2))));

/** `< 50 ms`, `= 9,871`, `400–600 ms`. */
export function formatThreshold(threshold: Threshold, unit: string): string {
  const u = unit ? ` ${unit}` : '';
  return threshold.op === 'between' ? `${number(threshold.min)}–${number(threshold.max)}${u}` : `${threshold.op} ${number(threshold.value)}${u}`;
}

/** `14.2 ms`, `9,871 pages`. */
export function formatValue(value: number, unit: string): string {
  return unit ? `${number(value)} ${unit}` : number(value);
}

/** "event-loop delay p99 62.1 ms (needs < 50 ms)". */
export function describeFailure(f: Figure): string {
  return `${f.name} ${formatValue(f.value, f.unit)}${f.threshold ? ` (needs ${formatThreshold(f.threshold, f.unit)})` : ''}`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Folds the runs of one criterion into its result: each figure's median and spread, passing only if the
 * criterion held in every run. Figures keep the order of their first appearance.
 */
export function foldRuns(id: string, title: string, runs: readonly CriterionRun[]): CriterionResult {
  const names: string[] = [];
  const byName = new Map<string, Figure[]>();
  for (const run of runs) {
    for (const f of run.figures) {
      if (!byName.has(f.name)) names.push(f.name), byName.set(f.name, []);
      byName.get(f.name)!.push(f);
    }
  }
  const figures = names.map((name): FigureSummary => {
    const all = byName.get(name)!;
    const values = all.map((f) => f.value);
    const judged = all.filter((f) => f.pass !== null);
    return {
      name,
      value: median(values),
      unit: all[0]!.unit,
      threshold: all[0]!.threshold,
      pass: judged.length === 0 ? null : judged.every((f) => f.pass),
      runs: values,
      min: Math.min(...values),
      max: Math.max(...values),
    };
  });
  const reasons = runs.flatMap((run, i) => {
    const own = [...run.failures, ...run.figures.filter((f) => f.pass === false).map(describeFailure)];
    return own.map((r) => (runs.length > 1 ? `run ${i + 1}: ${r}` : r));
  });
  const passed = runs.length > 0 && runs.every((run) => run.failures.length === 0 && run.figures.every((f) => f.pass !== false));
  return { id, title, verdict: passed ? 'passed' : 'failed', passed, figures, reasons: passed ? [] : reasons.length > 0 ? reasons : ['no run completed'] };
}

/** A criterion that could not be measured here: no figures, no failure, the reason and the fix. */
export function skippedResult(id: string, title: string, skip: Skip): CriterionResult {
  return { id, title, verdict: 'skipped', passed: false, skip, figures: [], reasons: [] };
}

/** "2 of 2 verified", "1 of 2 verified, 1 skipped", "1 of 2 failed". */
export function summarizeVerdicts(verdicts: readonly Verdict[]): { readonly passed: number; readonly failed: number; readonly skipped: number; readonly text: string } {
  const passed = verdicts.filter((v) => v === 'passed').length;
  const failed = verdicts.filter((v) => v === 'failed').length;
  const skipped = verdicts.filter((v) => v === 'skipped').length;
  const total = verdicts.length;
  const text = failed > 0 ? `${failed} of ${total} failed` : `${passed} of ${total} verified${skipped ? `, ${skipped} skipped` : ''}`;
  return { passed, failed, skipped, text };
}
