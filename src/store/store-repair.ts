import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Migration } from 'kysely';
import { backupsDirOf, backupStore, listBackups } from './store-backups.js';
import { migrationProvider } from './migrations/index.js';
import { executedMigrations } from './sqlite-store.js';
import { BUSY_TIMEOUT_MS, StoreError, codeOf, problemOf, translateStoreError } from './store-error.js';

interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly sql: string | null;
  /** A table's column names. */
  readonly columns: readonly string[];
}

/** What an interrupted migration left behind: objects it created although it is not recorded as run. */
export interface InterruptedMigration {
  /** The first migration not recorded as run: the one that stopped halfway. */
  readonly migration: string;
  readonly leftovers: readonly SchemaObject[];
  /** Leftover tables that already hold rows: not dropped, the backup is the way back. */
  readonly withRows: readonly string[];
  /** Columns the unfinished migration added to tables of earlier ones (ALTER TABLE ... ADD COLUMN). */
  readonly addedColumns: readonly { readonly table: string; readonly column: string }[];
  /** Tables of earlier migrations changed in a way other than added columns: not undone in place. */
  readonly altered: readonly string[];
}

export interface RepairOutcome {
  readonly migration: string;
  /** `table kata_progress`, `index ...`: what was dropped so the migration can run again whole. */
  readonly dropped: readonly string[];
  readonly backup: string;
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function schemaOf(db: BetterSqlite3.Database): Map<string, SchemaObject> {
  const rows = db.prepare(`select type, name, sql from sqlite_master where name not like 'sqlite_%' and name not like 'kysely_%'`).all() as Omit<SchemaObject, 'columns'>[];
  const columnsOf = (r: Omit<SchemaObject, 'columns'>): string[] =>
    r.type === 'table' ? (db.prepare(`pragma table_info(${quoted(r.name)})`).all() as { name: string }[]).map((c) => c.name) : [];
  return new Map(rows.map((r) => [r.name, { ...r, columns: columnsOf(r) }]));
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
export async function findInterruptedMigration(raw: BetterSqlite3.Database, migrations?: Record<string, Migration>): Promise<InterruptedMigration | null> {
  const all = Object.entries(migrations ?? (await migrationProvider.getMigrations())).sort(([a], [b]) => a.localeCompare(b));
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
  const addedColumns: { table: string; column: string }[] = [];
  const altered: string[] = [];
  for (const was of before.values()) {
    const now = actual.get(was.name);
    if (!now || now.sql === was.sql) continue;
    const added = now.columns.filter((c) => !was.columns.includes(c));
    const later = after.get(was.name)?.columns ?? [];
    if (was.type === 'table' && was.columns.every((c) => now.columns.includes(c)) && added.every((c) => later.includes(c))) {
      addedColumns.push(...added.map((column) => ({ table: was.name, column })));
    } else altered.push(was.name);
  }
  if (leftovers.length === 0 && addedColumns.length === 0 && altered.length === 0) return null;
  const withRows = leftovers.filter((o) => o.type === 'table' && raw.prepare(`select 1 from ${quoted(o.name)} limit 1`).get() !== undefined).map((o) => o.name);
  return { migration: known[done]!, leftovers, withRows, addedColumns, altered };
}

/**
 * Repairs a store left half-migrated by an older roadmap so the next open runs the migration again, whole:
 * takes a backup, then, in one transaction, drops what the unfinished migration created (tables, indexes) and
 * the columns it added to earlier tables. Only empty leftover tables are dropped, and no command could have
 * written to the added columns (every command failed on that store); anything else is refused with the way
 * back, the newest backup. Null when there is nothing to repair. `migrations` is for tests.
 */
export async function repairInterruptedMigration(storeFile: string, now: Date, migrations?: Record<string, Migration>): Promise<RepairOutcome | null> {
  if (!existsSync(storeFile)) return null;
  let raw: BetterSqlite3.Database | undefined;
  const refuse = (migration: string, why: string, cause?: unknown): StoreError => {
    const newest = listBackups(backupsDirOf(storeFile))[0];
    const fix = newest ? `\`roadmap doctor --restore\` puts back the newest backup (${newest.name})` : 'there is no backup to put back; keep a copy of the file and report it';
    return new StoreError(`an upgrade of the store at ${storeFile} stopped halfway (migration ${migration}) and cannot be repaired in place (${why}): ${fix}`, 'interrupted-migration', { cause });
  };
  try {
    raw = new BetterSqlite3(storeFile, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const found = await findInterruptedMigration(raw, migrations);
    if (!found) return null;
    if (found.withRows.length > 0) throw refuse(found.migration, `table ${found.withRows.join(', ')} already holds rows`);
    if (found.altered.length > 0) throw refuse(found.migration, `table ${found.altered.join(', ')} was changed halfway`);
    const backup = await backupStore(raw, backupsDirOf(storeFile), 'before-repair', now);
    const dropped: string[] = [];
    raw.exec('begin immediate');
    try {
      // Looked up again under the write lock: another roadmap may have finished the migration meanwhile.
      const again = await findInterruptedMigration(raw, migrations);
      const order = ['trigger', 'view', 'index', 'table'];
      for (const o of [...(again?.leftovers ?? [])].filter((x) => order.includes(x.type)).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))) {
        raw.exec(`drop ${o.type} if exists ${quoted(o.name)}`);
        dropped.push(`${o.type} ${o.name}`);
      }
      for (const { table, column } of again?.addedColumns ?? []) {
        raw.exec(`alter table ${quoted(table)} drop column ${quoted(column)}`);
        dropped.push(`column ${table}.${column}`);
      }
      raw.exec('commit');
    } catch (error) {
      // A column SQLite will not drop (indexed, a key): the backup is the way back.
      if (error instanceof StoreError || problemOf(codeOf(error) ?? '') !== 'other') throw error;
      throw refuse(found.migration, (error as Error).message, error);
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
