import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('profile')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('start_date', 'text')
    .addColumn('workspace', 'text', (c) => c.notNull())
    .addColumn('minutes_target', 'integer', (c) => c.notNull())
    .addColumn('freezes_per_month', 'integer', (c) => c.notNull())
    .addColumn('tracked_from', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('ended_at', 'integer')
    .addColumn('paused_at', 'integer')
    .addColumn('paused_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('target_minutes', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_day').on('sessions').column('day').execute();
  // At most one open session, whatever the number of terminals: the second start resumes the first.
  await sql`create unique index sessions_one_open on sessions ((ended_at is null)) where ended_at is null`.execute(db);
  await db.schema
    .createTable('freezes')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('task_checks')
    .addColumn('task_id', 'text', (c) => c.primaryKey())
    .addColumn('checked_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('criterion_results')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('figures_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('criterion_results_by_id').on('criterion_results').columns(['criterion_id', 'verified_at']).execute();
  await db.schema
    .createTable('replanned_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('replanned_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['replanned_days', 'criterion_results', 'task_checks', 'freezes', 'sessions', 'profile']) {
    await db.schema.dropTable(t).execute();
  }
}
