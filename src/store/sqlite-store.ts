import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
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

/** The store could not be opened or migrated; the message says where and what to do. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
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

  static async open(file: string): Promise<SqliteStore> {
    let raw: BetterSqlite3.Database;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      raw = new BetterSqlite3(file);
      raw.pragma('journal_mode = WAL');
      raw.pragma('busy_timeout = 5000');
      raw.pragma('foreign_keys = ON');
      raw.pragma('synchronous = NORMAL');
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
      throw new StoreError(`cannot open the store at ${file} (${code}); set ROADMAP_HOME to a writable folder`, { cause });
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    let { error, results } = await migrator.migrateToLatest();
    // Kysely takes no migration lock on SQLite: when two terminals open a new store at once, one of them
    // loses the race. Its second attempt sees the winner's committed migrations and has nothing to do.
    if (error) ({ error, results } = await migrator.migrateToLatest());
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new StoreError(`cannot migrate the store at ${file} (migration ${failed}): ${(error as Error).message}`, { cause: error });
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
