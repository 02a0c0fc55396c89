import type { LocalDate } from '../core/local-date.js';
import { computeStatus, type StatusView } from '../core/progress.js';
import type { Deps } from '../deps.js';
import type { KataRecord } from '../store/kata-repository.js';
import { loadContext, type CoachContext } from './context.js';
import { selfCheckByPhase, type SelfCheckProgress } from './learn.js';

export interface Status extends StatusView {
  /** Per phase: self-check questions of the Monday notes answered and answered right. */
  readonly selfChecks: readonly (SelfCheckProgress & { readonly phase: number })[];
  /** Per phase: katas passed, started, attempts (kata checks run) and hints used. */
  readonly katas: readonly { readonly phase: number; readonly passed: number; readonly started: number; readonly total: number; readonly attempts: number; readonly hints: number }[];
  /** Per phase: Saturday stages the learner's own project has passed in `roadmap verify` (by `asOfMs`), of the phase's stages. */
  readonly stages: readonly { readonly phase: number; readonly passed: number; readonly total: number }[];
}

/**
 * Kata records as they stood at `asOfMs`: katas started later are left out and a pass after it does not count.
 * (The number of checks is the store's total: it keeps no per-check time in these records.)
 */
export function katasAsOf(records: ReadonlyMap<string, KataRecord>, asOfMs: number): Map<string, KataRecord> {
  const out = new Map<string, KataRecord>();
  for (const [id, r] of records) {
    if (r.started_at > asOfMs) continue;
    out.set(id, r.first_passed_at !== null && r.first_passed_at > asOfMs ? { ...r, first_passed_at: null } : r);
  }
  return out;
}

/** Progress through the plan: per phase study days, tasks, criteria and self-checks; position; projected end. */
export async function getStatus(deps: Deps, today: LocalDate): Promise<Status> {
  return statusOf(deps, await loadContext(deps, today));
}

/** The same for a context already loaded (the report needs both). */
export async function statusOf(deps: Deps, ctx: CoachContext): Promise<Status> {
  const view = computeStatus(ctx.plan, ctx.calendar, ctx.history, ctx.today, ctx.nowMs);
  const checks = await selfCheckByPhase(deps);
  const { loadKatas } = await import('../content/kata.js');
  const records = katasAsOf(await ctx.store.katas.records(), ctx.asOfMs);
  const allKatas = loadKatas(deps.paths.packageRoot);
  const katas = ctx.plan.phases.map((p) => {
    const mine = allKatas.filter((k) => k.phase === p.number);
    const recs = mine.map((k) => records.get(k.id)).filter((r) => r !== undefined);
    return {
      phase: p.number,
      passed: recs.filter((r) => r.first_passed_at !== null).length,
      started: recs.length,
      total: mine.length,
      attempts: recs.reduce((a, r) => a + r.attempts, 0),
      hints: recs.reduce((a, r) => a + r.hints_revealed, 0),
    };
  });
  const passedStages = await ctx.store.checks.passedStages();
  const stages = ctx.plan.phases.map((p) => ({
    phase: p.number,
    passed: p.stages.filter((st) => (passedStages.get(st.id) ?? Infinity) <= ctx.asOfMs).length,
    total: p.stages.length,
  }));
  return { ...view, selfChecks: [...checks].map(([phase, p]) => ({ phase, ...p })), katas, stages };
}
