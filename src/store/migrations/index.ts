import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation.js';
import * as selfChecks from './0002-self-checks.js';
import * as flashcards from './0003-flashcards.js';
import * as katas from './0004-katas.js';
import * as verifyRuns from './0005-verify-runs.js';

/** Every migration, in order. Later issues append theirs here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-self-checks': selfChecks,
  '0003-flashcards': flashcards,
  '0004-katas': katas,
  '0005-verify-runs': verifyRuns,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
