import { allTasks, findPhase, type Plan } from '../core/plan.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';

export interface TaskRow {
  readonly id: string;
  readonly title: string;
  readonly phase: number;
  readonly slots: readonly string[];
  readonly checked: boolean;
}

/** An unknown phase number is a usage error that names the valid range. */
export function requirePhase(plan: Plan, phase: number): void {
  if (!findPhase(plan, phase)) {
    throw new UsageError(`unknown phase ${phase}: phases are 1–${plan.phases.length}`);
  }
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest known id, for "did you mean" in errors. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = levenshtein(input, c);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return bestScore <= Math.max(3, Math.floor(input.length / 3)) ? best : undefined;
}

function requireTask(plan: Plan, id: string): void {
  const ids = allTasks(plan).map((t) => t.id);
  if (ids.includes(id)) return;
  const guess = closest(id, ids);
  throw new UsageError(`unknown task "${id}"${guess ? ` — did you mean ${guess}?` : ''}; \`roadmap task list\` shows the ids`);
}

/** The seed's task checkboxes, optionally for one phase. */
export async function listTasks(deps: Deps, phase?: number): Promise<TaskRow[]> {
  const plan = await deps.plan();
  if (phase !== undefined) requirePhase(plan, phase);
  const checked = await (await deps.store()).checks.checkedTasks();
  return allTasks(plan)
    .filter((t) => phase === undefined || t.phase === phase)
    .map((t) => ({ id: t.id, title: t.title, phase: t.phase, slots: t.slots, checked: checked.has(t.id) }));
}

/** Checks or unchecks a task; returns whether anything changed. */
export async function setTaskChecked(deps: Deps, id: string, checked: boolean): Promise<{ readonly changed: boolean; readonly task: TaskRow }> {
  const plan = await deps.plan();
  requireTask(plan, id);
  const store = await deps.store();
  const changed = checked ? await store.checks.check(id, deps.clock.now().getTime()) : await store.checks.uncheck(id);
  const task = allTasks(plan).find((t) => t.id === id)!;
  return { changed, task: { id, title: task.title, phase: task.phase, slots: task.slots, checked } };
}
