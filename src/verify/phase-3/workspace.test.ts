import { mkdirSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkNodeModules, nodeModulesChain, type Workspace } from './workspace.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the installed packages a clean copy is given', () => {
  it('come from every node_modules Node would search, nearest first, skipping one that holds only a cache', () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-chain-'));
    const outer = join(dir, 'node_modules');
    const project = join(dir, 'projects', 'api');
    for (const p of ['kysely', '@types/node', '@types/pg']) mkdirSync(join(outer, p), { recursive: true });
    // vitest run with the project as its root leaves node_modules/.vite there, and nothing else.
    mkdirSync(join(project, 'node_modules', '.vite'), { recursive: true });
    expect(nodeModulesChain(project).filter((m) => m.startsWith(dir!))).toEqual([outer]);

    // A package nested in the project's own node_modules (another version) wins over the hoisted one.
    mkdirSync(join(project, 'node_modules', '@types', 'pg'), { recursive: true });
    const chain = nodeModulesChain(project).filter((m) => m.startsWith(dir!));
    expect(chain).toEqual([join(project, 'node_modules'), outer]);
    const dest = join(dir, 'copy');
    const workspace: Workspace = { root: project, packages: [] };
    linkNodeModules(chain, dest, workspace, new Set());
    expect(readlinkSync(join(dest, 'node_modules', '@types', 'pg'))).toBe(join(project, 'node_modules', '@types', 'pg'));
    expect(readlinkSync(join(dest, 'node_modules', '@types', 'node'))).toBe(join(outer, '@types', 'node'));
    expect(readlinkSync(join(dest, 'node_modules', 'kysely'))).toBe(join(outer, 'kysely'));
  });
});
