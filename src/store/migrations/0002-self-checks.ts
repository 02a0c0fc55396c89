import type { Kysely } from 'kysely';

/** Self-check answers of the Monday theory notes (issue: study content). Every answer is kept. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('self_check_answers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('phase', 'integer', (c) => c.notNull())
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('question', 'integer', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('self_check_answers_by_week').on('self_check_answers').columns(['phase', 'week', 'question']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('self_check_answers').execute();
}
