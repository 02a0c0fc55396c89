// The Postgres adapter: the DocumentRepository port on kysely + pg, and the migrations that shape its table.
export type { Database, DocumentsTable } from './database.js';
export { migrate, type MigrateDirection } from './migrate.js';
export { createDatabase, isDatabaseUnavailable, poolStats, type PoolStats, type PostgresOptions } from './postgres.js';
export { PostgresDocumentRepository, type TextColumn } from './postgres-document-repository.js';
