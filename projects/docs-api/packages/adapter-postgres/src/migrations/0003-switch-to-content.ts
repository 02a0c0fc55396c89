import { sql, type Kysely } from 'kysely';

// Switch (step 2 of 3): `content` becomes the source of truth. It is NOT NULL now that every row is backfilled,
// and the full-text vector that will replace `search` is generated from it (`search_content`, with its own GIN
// index). The trigger still mirrors both columns, so instances reading or writing `body` keep working.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`SET LOCAL lock_timeout = '5s'`.execute(db);
  await sql`ALTER TABLE documents ALTER COLUMN content SET NOT NULL`.execute(db);
  await sql`ALTER TABLE documents ALTER COLUMN body DROP NOT NULL`.execute(db);
  await sql`
    ALTER TABLE documents ADD COLUMN search_content tsvector GENERATED ALWAYS AS
      (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(content, '')), 'B')) STORED`.execute(db);
  await sql`CREATE INDEX documents_search_content_idx ON documents USING gin (search_content)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE documents DROP COLUMN search_content`.execute(db);
  await sql`ALTER TABLE documents ALTER COLUMN body SET NOT NULL`.execute(db);
  await sql`ALTER TABLE documents ALTER COLUMN content DROP NOT NULL`.execute(db);
}
