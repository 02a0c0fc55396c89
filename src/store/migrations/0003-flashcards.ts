import type { Kysely } from 'kysely';

/**
 * Flashcards (issue: FSRS drill): the FSRS state of every introduced card, every review as it was given
 * (with the state before it, so `u` restores it exactly), the learner's own cards and drill settings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('card_states')
    .addColumn('card_id', 'text', (c) => c.primaryKey())
    .addColumn('due', 'integer', (c) => c.notNull())
    .addColumn('stability', 'real', (c) => c.notNull())
    .addColumn('difficulty', 'real', (c) => c.notNull())
    .addColumn('elapsed_days', 'integer', (c) => c.notNull())
    .addColumn('scheduled_days', 'integer', (c) => c.notNull())
    .addColumn('learning_steps', 'integer', (c) => c.notNull())
    .addColumn('reps', 'integer', (c) => c.notNull())
    .addColumn('lapses', 'integer', (c) => c.notNull())
    .addColumn('state', 'integer', (c) => c.notNull())
    .addColumn('last_review', 'integer')
    .execute();
  await db.schema.createIndex('card_states_due').on('card_states').column('due').execute();
  await db.schema
    .createTable('review_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('state', 'integer', (c) => c.notNull())
    .addColumn('due', 'integer', (c) => c.notNull())
    .addColumn('stability', 'real', (c) => c.notNull())
    .addColumn('difficulty', 'real', (c) => c.notNull())
    .addColumn('elapsed_days', 'integer', (c) => c.notNull())
    .addColumn('last_elapsed_days', 'integer', (c) => c.notNull())
    .addColumn('scheduled_days', 'integer', (c) => c.notNull())
    .addColumn('learning_steps', 'integer', (c) => c.notNull())
    .addColumn('review', 'integer', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .execute();
  await db.schema.createIndex('review_log_by_day').on('review_log').columns(['day', 'card_id']).execute();
  await db.schema
    .createTable('user_cards')
    .addColumn('card_id', 'text', (c) => c.primaryKey())
    .addColumn('front', 'text', (c) => c.notNull())
    .addColumn('back', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['settings', 'user_cards', 'review_log', 'card_states']) await db.schema.dropTable(t).execute();
}
