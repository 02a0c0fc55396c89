import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../deps.js';
import { ensureDir } from '../../system/ensure-dir.js';
import { currentOwner, type GroupRecord } from '../../system/reaper.js';

/** One database a verify or run created, under the roadmap process that owns it. */
export interface DatabaseRecord {
  readonly owner: GroupRecord['owner'];
  readonly serverUrl: string;
  readonly name: string;
}

/** Where each database a verify or run creates is registered under its owner (see reaper.ts). */
export function databaseRegistry(deps: Deps): string {
  return join(deps.paths.home, 'run', 'databases');
}

/** Records that this process owns database `name` on the server at `serverUrl`; returns how to forget it. */
export function registerDatabase(deps: Deps, serverUrl: string, name: string): () => void {
  const dir = databaseRegistry(deps);
  ensureDir(dir);
  const file = join(dir, `${name}.json`);
  const record: DatabaseRecord = { owner: currentOwner(), serverUrl, name };
  writeFileSync(file, JSON.stringify(record));
  return () => rmSync(file, { force: true });
}
