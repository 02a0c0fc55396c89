import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAdr, MADR_SECTIONS } from './adr.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function project(adr: string): string {
  dir = mkdtempSync(join(tmpdir(), 'roadmap-adr-'));
  mkdirSync(join(dir, 'docs/adr'), { recursive: true });
  writeFileSync(join(dir, 'docs/adr/0001-hexagonal-workspaces.md'), adr);
  return dir;
}

const sections = (body: (name: string) => string): string => `# ADR-001\n\n${MADR_SECTIONS.map((s) => `## ${s.name}\n\n${body(s.name)}\n`).join('\n')}`;

describe('ADR-001 in MADR form', () => {
  it('counts every section written, code blocks and inline code included', () => {
    const adr = sections((name) => `${words(30)}\n\n\`\`\`json\n{ "exports": { ".": "./dist/index.js" } }\n\`\`\`\n\nThe \`{ source }\` condition, for ${name}.`);
    expect(checkAdr(project(adr))).toEqual({ file: 'docs/adr/0001-hexagonal-workspaces.md', sectionsFilled: 5, problems: [] });
  });

  it("names a section that still holds MADR's template text, and one that is a stub", () => {
    const adr = sections((name) => (name === 'decision drivers' ? `{decision driver 1, e.g., a force, facing concern, …} ${words(30)}` : name === 'consequences' ? 'Good.' : words(30)));
    expect(checkAdr(project(adr)).problems).toEqual([
      'docs/adr/0001-hexagonal-workspaces.md: "decision drivers" still holds template text ({decision driver 1, e.g., a force, facin): write what was decided here',
      'docs/adr/0001-hexagonal-workspaces.md: "consequences" has 1 words: say it in a few sentences (at least 25 words)',
    ]);
  });

  it('says where to write it when there is none', () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-adr-'));
    expect(checkAdr(dir).problems).toEqual(['no ADR-001: write docs/adr/0001-hexagonal-workspaces.md (MADR: context, decision drivers, considered options, decision outcome, consequences)']);
  });
});
