import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../deps.js';
import { ownPid } from '../../system/machine-load.js';
import { ensureDir } from '../../system/ensure-dir.js';

/** Where each database a verify or run creates is registered under its owner's pid (see reaper.ts). */
export function databaseRegistry(deps: Deps): string {
  return join(deps.paths.home, 'run', 'databases');
}

/** Records that this process owns database `name` on the server at `serverUrl`; returns how to forget it. */
export function registerDatabase(deps: Deps, serverUrl: string, name: string): () => void {
  const dir = databaseRegistry(deps);
  ensureDir(dir);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ owner: ownPid(), serverUrl, name }));
  return () => rmSync(file, { force: true });
}

