import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { initProject } from './project-init.js';

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.dispose();
  deps = undefined;
});

const manifest = (dir: string): { phases: number[]; command: string[] } => JSON.parse(readFileSync(join(dir, 'roadmap.project.json'), 'utf8'));

describe('project init phase-3: the phase 2 project goes on', () => {
  it("continues the learner's phase 2 project in place: the phase 3 task in its README, phase 3 in its manifest, the code untouched", async () => {
    deps = createTestDeps({ runner: execaRunner(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    const { dir } = await initProject(deps, { phase: 2 });
    const mine = join(dir, 'src', 'cli.ts');
    writeFileSync(mine, '// my own phase 2 work\n');
    // The README of a phase 2 project made before the starter said what phase 3 holds.
    const full = readFileSync(join(dir, 'README.md'), 'utf8');
    const readmeBefore = full.slice(0, full.indexOf('\n## Phase 3:') + 1);
    writeFileSync(join(dir, 'README.md'), readmeBefore);
    const r = await initProject(deps, { phase: 3 });
    expect(r).toMatchObject({ dir, continued: true, files: ['roadmap.project.json', 'README.md'] });
    expect(readFileSync(mine, 'utf8')).toBe('// my own phase 2 work\n');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme.startsWith(readmeBefore)).toBe(true);
    expect(readme.match(/^## Phase 3: the same project, split into a hexagon$/gm)).toHaveLength(1);
    expect(readme).toContain('1. **Value objects with their invariants, and their tests**');
    expect(manifest(dir).phases).toEqual([2, 3]);
    // The starter's README up to its next phase's section: what phase 3 appends is its own section only.
    const upToPhase4 = full.includes('\n## Phase 4:') ? full.slice(0, full.indexOf('\n## Phase 4:')) : full;
    expect(readme.trimEnd()).toBe(upToPhase4.trimEnd());
    expect(readme).not.toContain('## Phase 4:');
    // Twice is once.
    expect(await initProject(deps, { phase: 3 })).toMatchObject({ continued: true, files: [] });
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readme);
  });

  it('without a phase 2 project, copies the phase 2 monolith snapshot, named as such, as a new repository', async () => {
    deps = createTestDeps({ runner: execaRunner(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    const r = await initProject(deps, { phase: 3 });
    expect(r).toMatchObject({ continued: false, git: { done: true } });
    expect(r.files).toEqual(expect.arrayContaining(['README.md', 'package.json', 'roadmap.project.json', 'src/main.ts', 'src/document-repository.ts', 'src/app.ts', '.gitignore']));
    expect(existsSync(join(r.dir, 'packages'))).toBe(false);
    expect(readFileSync(join(r.dir, 'README.md'), 'utf8')).toMatch(/^# my-docs-api — the phase 2 monolith snapshot \(your phase 3 starting point\)/);
    expect(manifest(r.dir)).toMatchObject({ phases: [2, 3], command: ['node', '--import', 'tsx', 'src/main.ts'] });
  });
});
