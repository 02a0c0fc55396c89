/**
 * What a verify or run leaves behind when roadmap itself is SIGKILLed (no cleanup runs then): databases of its
 * own on the learner's server, and its temp folders. Each is registered under the owning roadmap's pid; the next
 * verify or run reaps every entry whose owner is gone, like testcontainers' reaper.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../../deps.js';
import { ownPid, processAlive } from '../../system/machine-load.js';
import { databaseRegistry } from './database-registry.js';
import { queryRows } from './pg.js';

/** A temp folder named after its owner (`roadmap-<what>-<pid>-XXXXXX`), so a later roadmap can tell it was left behind. */
export function ownedTempDir(what: string): string {
  return mkdtempSync(join(tmpdir(), `roadmap-${what}-${ownPid()}-`));
}

/** Drops the databases and removes the temp folders whose owning roadmap is gone. Never throws. */
export async function reapLeftovers(deps: Deps): Promise<{ databases: number; folders: number }> {
  let databases = 0;
  let folders = 0;
  const dir = databaseRegistry(deps);
  if (existsSync(dir)) {
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      try {
        const { owner, serverUrl, name } = JSON.parse(readFileSync(file, 'utf8')) as { owner: number; serverUrl: string; name: string };
        if (processAlive(owner)) continue;
        if (/^roadmap_[a-z]+_[0-9a-f]+$/.test(name)) await queryRows(serverUrl, `drop database if exists ${name} with (force)`);
        rmSync(file, { force: true });
        databases++;
      } catch {
        // The server is down or the entry is torn: leave it for the next start.
      }
    }
  }
  try {
    for (const entry of readdirSync(tmpdir())) {
      const m = /^roadmap-(verify|check|run)-(\d+)-/.exec(entry);
      if (!m || processAlive(Number(m[2]))) continue;
      rmSync(join(tmpdir(), entry), { recursive: true, force: true });
      folders++;
    }
  } catch {
    // An unreadable temp folder is not ours to fix.
  }
  return { databases, folders };
}
