import type { Kysely } from 'kysely';

/** Katas (issue: katas): progress per kata and every check run against the learner's copy. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kata_progress')
    .addColumn('kata_id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('first_passed_at', 'integer')
    .addColumn('hints_revealed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('solution_viewed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('solution_forced', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('kata_checks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kata_id', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('failed_tests', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kata_checks_by_kata').on('kata_checks').columns(['kata_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kata_checks').execute();
  await db.schema.dropTable('kata_progress').execute();
}
