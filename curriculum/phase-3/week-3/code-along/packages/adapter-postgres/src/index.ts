// The Postgres adapter: the DocumentRepository port on kysely + pg, and the migration that shapes its table.
export type { Database, DocumentsTable } from './database.js';
export { migrateToLatest } from './migrations.js';
export { createDatabase, type PostgresOptions } from './postgres.js';
export { PostgresDocumentRepository } from './postgres-document-repository.js';
