import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { localDateOf, systemClock, type Clock } from '../system/clock.js';
import { ensureDir } from '../system/ensure-dir.js';
import { CardRepository } from './card-repository.js';
import { CheckRepository } from './check-repository.js';
import { FreezeRepository } from './freeze-repository.js';
import { KataRepository } from './kata-repository.js';
import { migrationProvider } from './migrations/index.js';
import { ProfileRepository } from './profile-repository.js';
import { ReplanRepository } from './replan-repository.js';
import type { Database } from './schema.js';
import { SelfCheckRepository } from './self-check-repository.js';
import { SessionRepository } from './session-repository.js';
import { backupsDirOf, backupStore, listBackups } from './store-backups.js';
import { StoreDialect } from './store-dialect.js';
import { BUSY_TIMEOUT_MS, StoreError, codeOf, storeError, translateStoreError } from './store-error.js';

export { StoreError } from './store-error.js';

export interface StoreOptions {
  /** Dates the daily backup and names the backups. @default the system clock */
  readonly clock?: Clock;
  /** Takes the daily backup and the one before each migration run (off for `:memory:`). @default true */
  readonly backups?: boolean;
  /** The migrations to run; tests pass a shorter or a longer list. @default migrations/index.ts */
  readonly migrations?: Record<string, Migration>;
  /** How long to wait for another process's write lock. @default BUSY_TIMEOUT_MS */
  readonly busyTimeoutMs?: number;
  /** Called before each statement; tests pause a child here to kill it at an exact point. */
  readonly onStatement?: (sql: string) => void;
}

/** Opens the file and sets the connection up; every failure is one line with its fix. */
function openRaw(file: string, busyTimeoutMs: number): BetterSqlite3.Database {
  let raw: BetterSqlite3.Database | undefined;
  try {
    if (file !== ':memory:') ensureDir(dirname(file));
    // The busy timeout is set first: switching a new file to WAL takes a lock another process may hold.
    raw = new BetterSqlite3(file, { timeout: busyTimeoutMs });
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    return raw;
  } catch (cause) {
    raw?.close();
    const translated = translateStoreError(cause, file, true);
    if (translated !== cause) throw translated;
    throw storeError('other', file, codeOf(cause) ?? 'open', { cause, opening: true, detail: (cause as Error).message });
  }
}

/** Names of the migrations recorded as run, by name (kysely runs them in name order). */
export function executedMigrations(raw: BetterSqlite3.Database): string[] {
  const table = raw.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get();
  return table ? (raw.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name) : [];
}

/**
 * Brings the store to the latest schema: one migration per `BEGIN IMMEDIATE` transaction with its bookkeeping
 * row (see store-dialect.ts), so a kill or a full disk leaves the store at the last whole migration, and a
 * process that waited for another's lock finds the work done and has nothing left to run.
 */
async function migrate(db: Kysely<Database>, provider: MigrationProvider, file: string, pending: number): Promise<void> {
  const migrator = new Migrator({ db, provider });
  for (let i = 0; i < pending; i++) {
    const { error, results } = await migrator.migrateUp();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      // A full disk or a damaged page inside a migration already reads as its own one line.
      const translated = translateStoreError(error, file);
      if (translated instanceof StoreError) throw translated;
      const message = (error as Error).message;
      // Only an older roadmap, which migrated without a transaction, can leave part of a migration behind.
      if (/already exists|duplicate column name/.test(message)) throw storeError('interrupted-migration', file, 'SQLITE_ERROR', { cause: error, detail: `migration ${failed}: ${message}` });
      throw storeError('other', file, `migration ${failed}`, { cause: error, detail: message });
    }
    if (!results || results.length === 0) return;
  }
}

/** The learner's SQLite store: opened, put in WAL mode and migrated to the latest schema. */
export class SqliteStore {
  readonly profile: ProfileRepository;
  readonly sessions: SessionRepository;
  readonly freezes: FreezeRepository;
  readonly checks: CheckRepository;
  readonly replans: ReplanRepository;
  readonly selfChecks: SelfCheckRepository;
  readonly cards: CardRepository;
  readonly katas: KataRepository;

  private constructor(
    readonly file: string,
    readonly db: Kysely<Database>,
  ) {
    this.profile = new ProfileRepository(db);
    this.sessions = new SessionRepository(db);
    this.freezes = new FreezeRepository(db);
    this.checks = new CheckRepository(db);
    this.replans = new ReplanRepository(db);
    this.selfChecks = new SelfCheckRepository(db);
    this.cards = new CardRepository(db);
    this.katas = new KataRepository(db);
  }

  /**
   * Opens the store: creates its folder and file, WAL mode, a busy timeout, and the latest schema. Before a
   * migration run of an existing store, and once a day, it copies the store to $ROADMAP_HOME/backups (the last
   * BACKUPS_KEPT are kept) so a damaged store can be put back with `roadmap doctor --restore`.
   */
  static async open(file: string, options: StoreOptions = {}): Promise<SqliteStore> {
    const clock = options.clock ?? systemClock({});
    const backups = (options.backups ?? true) && file !== ':memory:';
    const migrations = options.migrations;
    const provider: MigrationProvider = migrations ? { getMigrations: async () => migrations } : migrationProvider;
    const raw = openRaw(file, options.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
    const db = new Kysely<Database>({ dialect: new StoreDialect(raw, { onStatement: options.onStatement }) });
    try {
      const known = Object.keys(await provider.getMigrations()).sort();
      const executed = executedMigrations(raw);
      const unknown = executed.filter((name) => !known.includes(name));
      if (unknown.length > 0) {
        throw storeError('newer', file, 'migrations', { detail: `it has migration ${unknown.join(', ')}; this roadmap knows up to ${known.at(-1) ?? 'none'}` });
      }
      // Read without a lock, so the usual open (nothing to do) costs no write lock; the migrator looks again
      // under the lock.
      const pending = known.filter((name) => !executed.includes(name));
      if (pending.length > 0) {
        if (backups && executed.length > 0) await backupStore(raw, backupsDirOf(file), `before-${pending[0]}`, clock.now());
        await migrate(db, provider, file, pending.length);
      }
      // A store created just now has nothing to keep yet.
      if (backups && executed.length > 0) await dailyBackup(raw, file, clock.now());
    } catch (error) {
      await db.destroy();
      throw translateStoreError(error, file, true);
    }
    return new SqliteStore(file, db);
  }

  /** SQLite's own consistency check: "ok" when the file is sound. */
  async integrityCheck(): Promise<string> {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(this.db);
    return rows.map((r) => r.integrity_check).join('; ');
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/**
 * The first open of a day copies the store, unless it fails SQLite's quick check: a damaged store must not
 * push the sound backups out. Best effort: a full disk or a read-only backups folder costs the backup, not
 * the command (`roadmap doctor` shows how old the newest backup is).
 */
async function dailyBackup(raw: BetterSqlite3.Database, file: string, now: Date): Promise<void> {
  const dir = backupsDirOf(file);
  const today = localDateOf(now);
  if (listBackups(dir).some((b) => b.takenAt.startsWith(today))) return;
  try {
    if (raw.pragma('quick_check', { simple: true }) !== 'ok') return;
    await backupStore(raw, dir, 'daily', now);
  } catch {
    // See above: the command goes on without today's backup.
  }
}
