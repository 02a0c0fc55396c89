/**
 * What a verify or run leaves behind when roadmap itself is SIGKILLed (no cleanup runs then): databases of its
 * own on the learner's server, and its temp folders. Databases are registered under the owning roadmap in the
 * home (database-registry.ts); folders go through the system reaper's records like every process group's
 * (src/system/reaper.ts). The next verify or run reaps whatever an owner that is gone left, like testcontainers'
 * reaper.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../../deps.js';
import { currentOwner, reapOrphansOnce, recordFolder, sameProcess } from '../../system/reaper.js';
import type { Scope } from '../frame.js';
import { databaseRegistry, type DatabaseRecord } from './database-registry.js';
import { queryRows } from './pg.js';

/**
 * A temp folder of this roadmap's (`roadmap-<what>-<pid>-XXXXXX`), recorded with the system reaper and removed
 * when `scope` closes, or by the next roadmap if this one is killed first.
 */
export function ownedTempDir(scope: Scope, what: string): string {
  const dir = mkdtempSync(join(tmpdir(), `roadmap-${what}-${currentOwner().pid}-`));
  const forget = recordFolder(dir, `roadmap's ${what} folder`);
  scope.defer(() => {
    rmSync(dir, { recursive: true, force: true });
    forget();
  }, `remove the ${what} folder`);
  return dir;
}

/** Drops the databases and removes the folders and process groups whose owning roadmap is gone. Never throws. */
export async function reapLeftovers(deps: Deps): Promise<{ databases: number }> {
  await reapOrphansOnce();
  let databases = 0;
  const dir = databaseRegistry(deps);
  if (!existsSync(dir)) return { databases };
  for (const entry of readdirSync(dir)) {
    const file = join(dir, entry);
    try {
      const { owner, serverUrl, name } = JSON.parse(readFileSync(file, 'utf8')) as DatabaseRecord;
      if (sameProcess(owner.pid, owner.start)) continue;
      if (/^roadmap_[a-z]+_[0-9a-f]+$/.test(name)) await queryRows(serverUrl, `drop database if exists ${name} with (force)`);
      rmSync(file, { force: true });
      databases++;
    } catch {
      // The server is down or the entry is torn: left for the next start.
    }
  }
  return { databases };
}
