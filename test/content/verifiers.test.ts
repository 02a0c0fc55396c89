import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceProject } from '../../src/content/project.js';
import { PHASE_OPTIONS } from '../../src/verify/option-specs.js';
import { loadVerifier, VERIFIED_PHASES } from '../../src/verify/phases.js';
import { plan, ROOT, weeksPerPhase } from './content-root.js';

// Each phase verifier and plan.yaml say the same thing: the criteria a verifier checks are exactly the phase's,
// every stage names checks the verifier has, a phase with a verifier has one stage per week, and the learner's
// starter README lists the stages they will be checked against.
describe.each(VERIFIED_PHASES.map((p) => [p]))('phase %i verifier and plan.yaml', (phase) => {
  const planPhase = plan.phases.find((p) => p.number === phase)!;

  it("checks exactly the phase's criteria, in plan.yaml's order", async () => {
    const verifier = (await loadVerifier(phase))!;
    expect(verifier.criteria.map((c) => c.id)).toEqual(planPhase.criteria.map((c) => c.id));
    for (const c of verifier.criteria) expect(c.kind).toMatch(/^(measured|static|attested)$/);
  });

  it('has one stage per week, each naming stage checks the verifier has (and no check unused)', async () => {
    const verifier = (await loadVerifier(phase))!;
    expect(planPhase.stages.map((s) => s.week)).toEqual(Array.from({ length: weeksPerPhase.get(phase)! }, (_, i) => i + 1));
    const own = new Set(verifier.stageChecks.map((c) => c.id));
    const named = planPhase.stages.flatMap((s) => s.checks);
    for (const id of named) expect(own.has(id), `${id} is a stage check of phase ${phase}`).toBe(true);
    expect(new Set(named)).toEqual(own);
  });

  it('declares its options in the light registry the commands read', async () => {
    const verifier = (await loadVerifier(phase))!;
    expect(PHASE_OPTIONS[phase]).toBe(verifier.options);
  });

  it("the learner's starter README lists every stage by week and title", () => {
    const reference = referenceProject(ROOT, phase)!;
    const readme = readFileSync(join(reference.dir, reference.starter!, 'README.md'), 'utf8');
    for (const s of planPhase.stages) expect(readme).toContain(`${s.week}. **${s.title}**`);
    expect(readme).toContain(`roadmap verify phase-${phase} --stage`);
  });
});

describe('phases without a verifier yet', () => {
  it('declare no stages (a stage needs the checks that prove it)', () => {
    for (const p of plan.phases.filter((x) => !VERIFIED_PHASES.includes(x.number))) expect(p.stages, `phase ${p.number}`).toEqual([]);
  });
});
