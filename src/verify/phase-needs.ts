import type { Deps } from '../deps.js';
import type { Check, FixtureSpec, Probe } from './frame.js';
import { loadVerifier, VERIFIED_PHASES } from './phases.js';

/** One fixture a phase's checks need, what this machine would use for it, and which checks need it. */
export interface PhaseNeed {
  readonly phase: number;
  readonly fixture: string;
  readonly probe: Probe;
  readonly checks: readonly string[];
}

/**
 * For `roadmap doctor`: per phase with a verifier, each fixture its checks declare in `needs`, probed without
 * starting anything (the same declarations the engine resolves), so a learner sees before a Saturday which
 * checks would be skipped here and how to get what they need.
 */
export async function phaseNeeds(deps: Deps): Promise<PhaseNeed[]> {
  const out: PhaseNeed[] = [];
  for (const phase of VERIFIED_PHASES) {
    const verifier = (await loadVerifier(phase))!;
    const byFixture = new Map<string, { spec: FixtureSpec<unknown>; checks: string[] }>();
    for (const check of [...verifier.stageChecks, ...verifier.criteria] as Check[]) {
      for (const spec of check.needs) {
        const entry = byFixture.get(spec.id) ?? { spec, checks: [] };
        entry.checks.push(check.id);
        byFixture.set(spec.id, entry);
      }
    }
    for (const { spec, checks } of byFixture.values()) out.push({ phase, fixture: spec.label, probe: await spec.probe(deps), checks });
  }
  return out;
}
