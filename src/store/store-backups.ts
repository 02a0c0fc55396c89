import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { RoadmapError, UsageError } from '../errors.js';
import { ensureDir } from '../system/ensure-dir.js';
import { codeOf, translateStoreError } from './store-error.js';

/** How many backups are kept; older ones are deleted as new ones are taken. @default 7 */
export const BACKUPS_KEPT = 7;

/** One copy of the store in $ROADMAP_HOME/backups. */
export interface BackupInfo {
  readonly file: string;
  readonly name: string;
  /** Local time it was taken, `YYYY-MM-DD HH:MM:SS`. */
  readonly takenAt: string;
  /** `daily`, `before-<migration>` or `before-repair`. */
  readonly reason: string;
}

// roadmap-20250612-090000-daily.db: sorting the names sorts by time.
const BACKUP_RE = /^roadmap-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([a-z0-9-]+)\.db$/;

export function backupsDirOf(storeFile: string): string {
  return join(dirname(storeFile), 'backups');
}

const pad = (n: number): string => String(n).padStart(2, '0');
function stamp(now: Date): string {
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/** The backups in `dir`, newest first (none when the folder does not exist). */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, m: BACKUP_RE.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
    .map(({ name, m }) => ({ file: join(dir, name), name, takenAt: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`, reason: m[7]! }));
}

/**
 * Copies the open store into `dir` with SQLite's online backup (a consistent copy, WAL included, while other
 * processes keep reading), through a temp file and a rename so a kill never leaves half a backup under a
 * backup's name; then keeps only the newest BACKUPS_KEPT.
 */
export async function backupStore(raw: BetterSqlite3.Database, dir: string, reason: string, now: Date): Promise<BackupInfo> {
  ensureDir(dir);
  const name = `roadmap-${stamp(now)}-${reason}.db`;
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    await raw.backup(tmp);
    // The copy carries the store's WAL flag; a rollback-journal file is one file, which can be opened read-only
    // (to check it) and copied back without -wal and -shm beside it.
    const copy = new BetterSqlite3(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(tmp, join(dir, name));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  for (const old of listBackups(dir).slice(BACKUPS_KEPT)) rmSync(old.file, { force: true });
  return listBackups(dir).find((b) => b.name === name)!;
}

/** SQLite's quick check of a database file, opened read-only: "ok" when it is sound. */
export function quickCheck(file: string): string {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    return String(db.pragma('quick_check', { simple: true }));
  } catch (error) {
    return codeOf(error) ?? (error as Error).message;
  } finally {
    db?.close();
  }
}

export interface RestoreOutcome {
  readonly backup: BackupInfo;
  /** Where the store that was replaced was kept (null when there was none). */
  readonly keptAs: string | null;
}

/**
 * Puts a backup back in place of the store: the newest sound one, or the one named. The store it replaces is
 * kept beside the backups first (as files, since a damaged store cannot be read), its WAL and shared-memory
 * files are removed so they are not replayed onto the restored copy, and the copy is renamed into place.
 * No other roadmap may have the store open meanwhile.
 */
export function restoreBackup(storeFile: string, now: Date, which?: string): RestoreOutcome {
  const dir = backupsDirOf(storeFile);
  const backups = listBackups(dir);
  if (backups.length === 0) throw new RoadmapError(`no backups of the store in ${dir} to restore: roadmap takes one a day and before each upgrade`);
  let backup: BackupInfo | undefined;
  if (which !== undefined) {
    backup = backups.find((b) => b.name === which || b.file === which || b.name === basename(which));
    if (!backup) throw new UsageError(`no backup ${which} in ${dir}; the backups are: ${backups.map((b) => b.name).join(', ')}`);
    const check = quickCheck(backup.file);
    if (check !== 'ok') throw new RoadmapError(`the backup ${backup.name} is damaged too (${check}); pick another: roadmap doctor --restore <name> (${backups.map((b) => b.name).join(', ')})`);
  } else {
    backup = backups.find((b) => quickCheck(b.file) === 'ok');
    if (!backup) throw new RoadmapError(`every backup in ${dir} is damaged; the store cannot be restored from them`);
  }
  let keptAs: string | null = null;
  const restoring = `${storeFile}.restoring`;
  try {
    if (existsSync(storeFile) && statSync(storeFile).size > 0) {
      keptAs = join(dir, `replaced-${stamp(now)}.db`);
      copyFileSync(storeFile, keptAs);
      if (existsSync(`${storeFile}-wal`)) copyFileSync(`${storeFile}-wal`, `${keptAs}-wal`);
    }
    copyFileSync(backup.file, restoring);
    rmSync(`${storeFile}-wal`, { force: true });
    rmSync(`${storeFile}-shm`, { force: true });
    renameSync(restoring, storeFile);
  } catch (error) {
    rmSync(restoring, { force: true });
    throw translateStoreError(error, storeFile);
  }
  return { backup, keptAs };
}
