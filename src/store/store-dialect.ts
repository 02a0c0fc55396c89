import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type DialectAdapter, type QueryResult } from 'kysely';
import { translateStoreError } from './store-error.js';

export interface StoreDialectOptions {
  /**
   * Called with each statement before SQLite runs it (transaction control included). Tests pause a child
   * process here to SIGKILL it at an exact point of a migration or an import.
   */
  readonly onStatement?: (sql: string) => void;
}

/**
 * kysely's SQLite adapter says DDL is not transactional, so its Migrator runs migrations bare and a kill in
 * the middle leaves half a schema. SQLite's DDL is transactional: with this, the Migrator wraps each run and
 * its bookkeeping row in one transaction.
 */
class StoreAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * kysely's SQLite driver with three changes:
 * - transactions are `BEGIN IMMEDIATE`: the write lock is taken up front (waiting out the busy timeout), so two
 *   processes migrating a new store, or doing read-then-write, are serialised instead of one of them failing
 *   with SQLITE_BUSY when it upgrades its read lock;
 * - rollback only when a transaction is still open: SQLite already rolled back on SQLITE_FULL and friends, and
 *   a "cannot rollback - no transaction is active" must not hide the error that says the disk is full;
 * - every error SQLite raises goes through `translateStoreError`, so a full disk, a damaged file or a busy lock
 *   reads as one line with its fix wherever the query came from.
 */
class StoreDriver extends SqliteDriver {
  #wrapped: DatabaseConnection | undefined;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly options: StoreDialectOptions,
  ) {
    super({ database: raw });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.#wrapped ??= this.#wrap(inner);
    return this.#wrapped;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.raw.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  #wrap(inner: DatabaseConnection): DatabaseConnection {
    const file = this.raw.name;
    const onStatement = this.options.onStatement;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        onStatement?.(query.sql);
        try {
          return await inner.executeQuery<R>(query);
        } catch (error) {
          throw translateStoreError(error, file);
        }
      },
      async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
        onStatement?.(query.sql);
        try {
          yield* inner.streamQuery<R>(query, chunkSize);
        } catch (error) {
          throw translateStoreError(error, file);
        }
      },
    };
  }
}

/** The dialect of the learner's store: kysely's SQLite dialect over one better-sqlite3 connection, as above. */
export class StoreDialect extends SqliteDialect {
  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly options: StoreDialectOptions = {},
  ) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new StoreDriver(this.raw, this.options);
  }

  override createAdapter(): DialectAdapter {
    return new StoreAdapter();
  }
}
