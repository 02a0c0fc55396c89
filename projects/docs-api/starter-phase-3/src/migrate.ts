import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/index.js';

export type MigrateDirection = 'latest' | 'up' | 'down';

/**
 * Runs kysely's Migrator over the bundled migrations: to the latest, one step up or one step down. Returns the
 * steps run; throws (with the failing migration's name) when one fails, after kysely rolled its batch back.
 */
export async function migrate(db: Kysely<Database>, direction: MigrateDirection): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const run = direction === 'latest' ? migrator.migrateToLatest() : direction === 'up' ? migrator.migrateUp() : migrator.migrateDown();
  const { error, results } = await run;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ? `"${failed}" ` : ''}failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results ?? [];
}
