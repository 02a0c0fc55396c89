import type { Kysely } from 'kysely';

/**
 * Verify runs (issue: Verifier v2): one row per `roadmap verify`, with the target, settings and stage it ran;
 * each criterion result and stage verdict points at its run. Older criterion rows keep a null run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('verify_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phase', 'integer', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_dir', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'integer', (c) => c.notNull())
    .addColumn('stage', 'integer')
    .addColumn('full', 'integer', (c) => c.notNull())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('report_file', 'text')
    .execute();
  await db.schema
    .createTable('stage_results')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('criterion_results').addColumn('run_id', 'text').execute();
  await db.schema.alterTable('criterion_results').addColumn('verdict', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('criterion_results').dropColumn('verdict').execute();
  await db.schema.alterTable('criterion_results').dropColumn('run_id').execute();
  await db.schema.dropTable('stage_results').execute();
  await db.schema.dropTable('verify_runs').execute();
}
