export { createDatabase, PostgresDocumentRepository, type Database } from './postgres-document-repository.js';
