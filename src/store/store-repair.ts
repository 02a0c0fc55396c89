import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Migration } from 'kysely';
import { backupsDirOf, backupStore, listBackups } from './store-backups.js';
import { migrationProvider } from './migrations/index.js';
import { executedMigrations } from './sqlite-store.js';
import { BUSY_TIMEOUT_MS, StoreError, translateStoreError } from './store-error.js';

interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly sql: string | null;
}

/** What an interrupted migration left behind: objects it created although it is not recorded as run. */
export interface InterruptedMigration {
  /** The first migration not recorded as run: the one that stopped halfway. */
  readonly migration: string;
  readonly leftovers: readonly SchemaObject[];
  /** Leftover tables that already hold rows: not dropped, the backup is the way back. */
  readonly withRows: readonly string[];
  /** Tables of earlier migrations whose definition changed: an ALTER that cannot be undone in place. */
  readonly altered: readonly string[];
}

export interface RepairOutcome {
  readonly migration: string;
  /** `table kata_progress`, `index ...`: what was dropped so the migration can run again whole. */
  readonly dropped: readonly string[];
  readonly backup: string;
}

function schemaOf(db: BetterSqlite3.Database): Map<string, SchemaObject> {
  const rows = db.prepare(`select type, name, sql from sqlite_master where name not like 'sqlite_%' and name not like 'kysely_%'`).all() as SchemaObject[];
  return new Map(rows.map((r) => [r.name, r]));
}

/** The schema after each prefix of `migrations`, found by running them on an empty in-memory database. */
async function schemasByStep(migrations: readonly Migration[]): Promise<Map<string, SchemaObject>[]> {
  const raw = new BetterSqlite3(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    const out = [schemaOf(raw)];
    for (const m of migrations) {
      await m.up(db);
      out.push(schemaOf(raw));
    }
    return out;
  } finally {
    await db.destroy();
  }
}

/**
 * Finds what an older roadmap, whose migrations ran outside a transaction, left when it was killed (or ran out
 * of disk) in the middle of one: the tables and indexes of migrations not recorded as run. Null when the store
 * is whole (or was written by a newer roadmap: not this one's to judge).
 */
export async function findInterruptedMigration(raw: BetterSqlite3.Database): Promise<InterruptedMigration | null> {
  const all = Object.entries(await migrationProvider.getMigrations()).sort(([a], [b]) => a.localeCompare(b));
  const executed = executedMigrations(raw);
  const known = all.map(([name]) => name);
  // kysely runs migrations in name order, so what ran is a prefix of the list (anything else is a newer store).
  if (executed.some((name, i) => name !== known[i])) return null;
  const done = executed.length;
  if (done === all.length) return null;
  const steps = await schemasByStep(all.map(([, m]) => m));
  const before = steps[done]!;
  const after = steps[all.length]!;
  const actual = schemaOf(raw);
  const leftovers = [...actual.values()].filter((o) => !before.has(o.name) && after.has(o.name));
  const altered = [...before.values()].filter((o) => actual.get(o.name)?.sql !== o.sql && actual.has(o.name)).map((o) => o.name);
  if (leftovers.length === 0 && altered.length === 0) return null;
  const withRows = leftovers
    .filter((o) => o.type === 'table')
    .filter((o) => raw.prepare(`select 1 from "${o.name.replaceAll('"', '""')}" limit 1`).get() !== undefined)
    .map((o) => o.name);
  return { migration: known[done]!, leftovers, withRows, altered };
}

/**
 * Repairs a store left half-migrated by an older roadmap so the next open runs the migration again, whole:
 * takes a backup, then drops the leftovers of the unfinished migration in one transaction. Only empty leftovers
 * are dropped (no command could write to them: every command failed on that store); anything else is refused
 * with the way back, the backup taken before the upgrade. Null when there is nothing to repair.
 */
export async function repairInterruptedMigration(storeFile: string, now: Date): Promise<RepairOutcome | null> {
  if (!existsSync(storeFile)) return null;
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(storeFile, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const found = await findInterruptedMigration(raw);
    if (!found) return null;
    if (found.withRows.length > 0 || found.altered.length > 0) {
      const why = found.withRows.length > 0 ? `table ${found.withRows.join(', ')} already holds rows` : `table ${found.altered.join(', ')} was changed halfway`;
      const newest = listBackups(backupsDirOf(storeFile))[0];
      const fix = newest ? `\`roadmap doctor --restore\` puts back the newest backup (${newest.name})` : 'there is no backup to put back; keep a copy of the file and report it';
      throw new StoreError(`an upgrade of the store at ${storeFile} stopped halfway (migration ${found.migration}) and cannot be repaired in place (${why}): ${fix}`, 'interrupted-migration');
    }
    const backup = await backupStore(raw, backupsDirOf(storeFile), 'before-repair', now);
    const dropped: string[] = [];
    raw.exec('begin immediate');
    try {
      // Looked up again under the write lock: another roadmap may have finished the migration meanwhile.
      const again = await findInterruptedMigration(raw);
      const order = ['trigger', 'view', 'index', 'table'];
      for (const o of [...(again?.leftovers ?? [])].filter((x) => order.includes(x.type)).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))) {
        raw.exec(`drop ${o.type} if exists "${o.name.replaceAll('"', '""')}"`);
        dropped.push(`${o.type} ${o.name}`);
      }
      raw.exec('commit');
    } finally {
      if (raw.inTransaction) raw.exec('rollback');
    }
    return { migration: found.migration, dropped, backup: backup.file };
  } catch (error) {
    throw translateStoreError(error, storeFile, true);
  } finally {
    raw?.close();
  }
}
