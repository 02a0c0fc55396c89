import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from './ci-copy.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roadmap-ci-copy-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (root: string, file: string, text: string): void => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};

/** A small target: sources, tests, config, and what installs, builds and the gates leave behind. */
function project(root: string): void {
  write(root, 'package.json', '{ "name": "api", "scripts": { "ci": "npm test" } }\n');
  write(root, 'src/domain/document.ts', 'export const title = (d: { title: string }) => d.title;\n');
  write(root, 'src/domain/document.test.ts', "import { it } from 'vitest';\nit('x', () => {});\n");
  write(root, 'stryker.config.json', '{ "reporters": ["json"] }\n');
  write(root, 'node_modules/kysely/index.js', 'export {};\n');
  write(root, 'dist/index.js', 'export {};\n');
  write(root, 'coverage/coverage-summary.json', '{}\n');
  write(root, '.stryker-tmp/sandbox-1/src/domain/document.ts', 'mutated\n');
  write(root, 'reports/mutation/mutation.json', '{}\n');
  write(root, 'reports/stryker-incremental.json', '{}\n');
  write(root, 'tsconfig.tsbuildinfo', '{}\n');
}

describe('contentHash', () => {
  it('is the same for the same content, in another folder', () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    project(a);
    project(b);
    expect(contentHash(a, [])).toMatch(/^[0-9a-f]{32}$/);
    expect(contentHash(b, [])).toBe(contentHash(a, []));
  });

  it.each([
    ['a source file changed', (root: string) => write(root, 'src/domain/document.ts', 'export const title = (d: { title: string }) => d.title.trim();\n')],
    ['a test file changed', (root: string) => write(root, 'src/domain/document.test.ts', "import { it } from 'vitest';\nit('y', () => {});\n")],
    ['a file added', (root: string) => write(root, 'src/domain/tag.ts', 'export {};\n')],
    ['a file removed', (root: string) => rmSync(join(root, 'stryker.config.json'))],
    ['a file renamed (in the same place in the walk)', (root: string) => renameSync(join(root, 'stryker.config.json'), join(root, 'stryker.conf.json'))],
    ['a config changed', (root: string) => write(root, 'package.json', '{ "name": "api", "scripts": { "ci": "npm test && stryker run" } }\n')],
    ['a file under src/distribution (not a dist folder)', (root: string) => write(root, 'src/distribution/index.ts', 'export {};\n')],
    ['a reports/mutation not at the root', (root: string) => write(root, 'packages/domain/reports/mutation/mutation.json', '{}\n')],
    ['a stryker-incremental.json not at the root', (root: string) => write(root, 'packages/domain/reports/stryker-incremental.json', '{}\n')],
  ])('changes when %s', (_name, change) => {
    project(dir);
    const before = contentHash(dir, []);
    change(dir);
    expect(contentHash(dir, [])).not.toBe(before);
  });

  it.each([
    ['node_modules', 'node_modules/kysely/index.js'],
    ['a nested node_modules', 'packages/domain/node_modules/zod/index.js'],
    ['dist', 'dist/index.js'],
    ['a package’s dist', 'packages/domain/dist/index.js'],
    ['coverage', 'coverage/coverage-summary.json'],
    ['.stryker-tmp', '.stryker-tmp/sandbox-1/src/domain/document.ts'],
    ['.git', '.git/HEAD'],
    ['.turbo', '.turbo/cache.json'],
    ['reports/mutation', 'reports/mutation/mutation.json'],
    ['a *.tsbuildinfo', 'tsconfig.tsbuildinfo'],
    ['a nested *.tsbuildinfo', 'packages/domain/tsconfig.build.tsbuildinfo'],
    ['reports/stryker-incremental.json', 'reports/stryker-incremental.json'],
  ])('ignores a change under %s', (_name, file) => {
    project(dir);
    const before = contentHash(dir, []);
    write(dir, file, `changed ${file}\n`);
    expect(contentHash(dir, [])).toBe(before);
    rmSync(join(dir, file));
    expect(contentHash(dir, [])).toBe(before);
  });

  it('ignores an empty folder', () => {
    project(dir);
    const before = contentHash(dir, []);
    mkdirSync(join(dir, 'src', 'empty'));
    expect(contentHash(dir, [])).toBe(before);
  });

  it('changes with `extra`: each value, and their order', () => {
    project(dir);
    const hashes = [[], ['npm run ci'], ['npm run ci', 'node 20'], ['node 20', 'npm run ci'], ['npm run ci', 'node 22']].map((extra) => contentHash(dir, extra));
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(contentHash(dir, ['npm run ci', 'node 20'])).toBe(hashes[2]);
  });
});
