import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { materialProblem, readMaterial } from './material.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A package root whose phase 1 week 1 theory note is `text`. */
function rootWith(text: string): string {
  const root = mkdtempSync(join(tmpdir(), 'roadmap-material-'));
  roots.push(root);
  mkdirSync(join(root, 'curriculum/phase-1/week-1'), { recursive: true });
  writeFileSync(join(root, 'curriculum/phase-1/week-1/theory.md'), text);
  return root;
}

const FILE = 'curriculum/phase-1/week-1/theory.md';

describe('a week document whose front matter is broken', () => {
  it.each([
    ['no front matter', '# Title\n', `${FILE}:1: must start with a --- front matter block`],
    ['a block never closed', '---\nminutes: 30\n# body\n', `${FILE}:1: the front matter block is never closed with ---`],
    ['an unclosed quote', '---\nminutes: 30\ntitle: "oops\n---\n', `${FILE}:3: front matter is not valid YAML: Missing closing "quote`],
    ['no title', '---\nminutes: 30\n---\n', `${FILE}:1: the front matter has no title: add a line "title: <the document's title>"`],
    ['minutes that are not a number', '---\ntitle: T\nminutes: half an hour\n---\n', `${FILE}:3: minutes must be a number, such as 30, not "half an hour"`],
    ['a title JSON cannot read', '---\ntitle: "bad \\q escape"\nminutes: 30\n---\n', `${FILE}:2: front matter is not valid YAML: `],
  ])('%s: says which file, which line and what', async (_name, text, message) => {
    const root = rootWith(text);
    expect(readMaterial(root, 'theory', 1, 1)).toBeNull();
    expect((await materialProblem(root, 'theory', 1, 1)).message).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('a missing file says it is missing', async () => {
    const root = rootWith('---\ntitle: T\nminutes: 30\n---\n');
    expect((await materialProblem(root, 'docs', 1, 1)).message).toBe('curriculum/phase-1/week-1/docs.md: missing: every week needs its docs note (this installation\'s curriculum/ is incomplete; reinstall roadmap)');
  });
});

describe('roadmap open on such a file', () => {
  let deps: TestDeps;
  afterEach(() => deps.dispose());

  it('is one line with the file and line, exit 1, no stack', async () => {
    deps = createTestDeps();
    const root = rootWith('---\ntitle: T\nminutes: soon\n---\n');
    const code = await runCli(['open', 'theory', '--phase', '1', '--week', '1', '--print'], { ...deps, paths: { ...deps.paths, packageRoot: root } });
    expect(code).toBe(1);
    expect(deps.io.stderr()).toBe(`roadmap: ${FILE}:3: minutes must be a number, such as 30, not "soon"\n`);
  });
});
