import type { Migration, MigrationProvider } from 'kysely';
import * as createDocuments from './0001-create-documents.js';
import * as expandContent from './0002-expand-content.js';
import * as switchToContent from './0003-switch-to-content.js';
import * as contractBody from './0004-contract-body.js';

/**
 * The migrations, imported explicitly so the bundle carries them (nothing is read from disk at run time).
 * 0002–0004 rename `body` to `content` without downtime: expand, switch, contract.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_create_documents': createDocuments,
  '0002_expand_content': expandContent,
  '0003_switch_to_content': switchToContent,
  '0004_contract_body': contractBody,
};

/** kysely's Migrator reads the migrations from here. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
