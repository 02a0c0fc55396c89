import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKatas } from '../content/kata.js';
import { findPackageRoot } from '../system/paths.js';
import { copyKata, dependenciesDir } from './kata-workspace.js';

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A package folder with just enough of a package.json for Node to resolve from it. */
function writePackage(dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, exports: { './package.json': './package.json' } }));
}

describe('where roadmap finds the dependencies katas run with', () => {
  // How npm lays roadmap out: a checkout or `npm install -g` keeps vitest inside the package; `npm install
  // roadmap` into a project hoists it beside roadmap, into the project's node_modules.
  it.each([
    ['a checkout or a global install', 'lib/node_modules/roadmap', 'lib/node_modules/roadmap/node_modules'],
    ['npm install into a project (hoisted)', 'app/node_modules/roadmap', 'app/node_modules'],
  ])('%s', (_layout, packageRoot, vitestIn) => {
    tmp = mkdtempSync(join(tmpdir(), 'roadmap-deps-'));
    writePackage(join(tmp, packageRoot), 'roadmap');
    writePackage(join(tmp, vitestIn, 'vitest'), 'vitest');
    expect(dependenciesDir(join(tmp, packageRoot))).toBe(join(tmp, vitestIn));
  });

  it('says in one line how to fix an install without vitest', () => {
    tmp = mkdtempSync(join(tmpdir(), 'roadmap-deps-'));
    writePackage(join(tmp, 'roadmap'), 'roadmap');
    expect(() => dependenciesDir(join(tmp, 'roadmap'))).toThrow(/^vitest, which checks katas, is not installed with roadmap .*: reinstall roadmap/);
  });

  it("re-points a workspace's link left by an earlier install of roadmap", () => {
    tmp = mkdtempSync(join(tmpdir(), 'roadmap-deps-'));
    const packageRoot = findPackageRoot();
    const workspace = join(tmp, 'work');
    mkdirSync(join(workspace, 'katas'), { recursive: true });
    symlinkSync(join(tmp, 'an-old-checkout/node_modules'), join(workspace, 'katas/node_modules'), 'dir');
    copyKata(packageRoot, workspace, loadKatas(packageRoot)[0]!, false);
    expect(readlinkSync(join(workspace, 'katas/node_modules'))).toBe(dependenciesDir(packageRoot));
  });
});
