import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAdr, MADR_SECTIONS, MIN_SECTION_WORDS } from '../../../../src/verify/phase-3/adr.js';
import { SAMPLE, scratch } from './sample-workspace.js';

// Step 5: ADR-001 in MADR form, judged by the very function `roadmap verify phase-3 --stage 4` uses (check adr-001).

const temp = scratch();
afterAll(() => temp.remove());

const ADR = 'docs/adr/0001-hexagonal-workspaces.md';

describe('step 5: ADR-001', () => {
  it(`has the ${MADR_SECTIONS.length} MADR sections, each written in ${MIN_SECTION_WORDS} words or more, no template text`, () => {
    expect(checkAdr(SAMPLE)).toEqual({ file: ADR, sectionsFilled: MADR_SECTIONS.length, problems: [] });
  });

  it("keeps MADR's order: context, drivers, options, outcome with its consequences", () => {
    const headings = [...readFileSync(join(SAMPLE, ADR), 'utf8').matchAll(/^(#{2,3}) (.+)$/gm)].map(([, level, text]) => `${level} ${text}`);
    expect(headings.slice(0, 6)).toEqual([
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '## Decision Outcome',
      '### Consequences',
      '### Confirmation',
    ]);
  });

  it("says which option was chosen, in MADR's words", () => {
    expect(readFileSync(join(SAMPLE, ADR), 'utf8')).toMatch(/^Chosen option: "npm workspaces, one package per layer", because /m);
  });

  it('is not passed by the bare template, and the reasons say what to write', () => {
    const dir = join(temp.dir, 'template');
    mkdirSync(join(dir, 'docs/adr'), { recursive: true });
    writeFileSync(
      join(dir, ADR),
      [
        '# {short title, representative of solved problem and found solution}',
        '## Context and Problem Statement',
        '{Describe the context and problem statement, e.g., in free form using two to three sentences or in the form of an illustrative story.}',
        '## Decision Drivers',
        '* {decision driver 1, e.g., a force, facing concern, …}',
        '## Considered Options',
        '* {title of option 1}',
        '## Decision Outcome',
        'Chosen option: "{title of option 1}", because {justification}.',
        '### Consequences',
        '* Good, because {positive consequence, e.g., improvement of one or more desired qualities, …}',
      ].join('\n'),
    );
    const report = checkAdr(dir);
    expect(report.sectionsFilled).toBe(0);
    expect(report.problems).toHaveLength(MADR_SECTIONS.length);
    expect(report.problems[0]).toMatch(/"Context and Problem Statement" still holds template text/);
  });
});
