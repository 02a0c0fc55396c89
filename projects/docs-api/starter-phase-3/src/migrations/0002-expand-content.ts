import { sql, type Kysely } from 'kysely';

// Expand (body → content, step 1 of 3): add `content`, keep it and `body` equal on every write whichever one a
// writer names (a trigger, so instances still writing `body` need no change), and backfill. Adding a nullable
// column without a default is a catalog change only; the backfill touches each row once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`SET LOCAL lock_timeout = '5s'`.execute(db);
  await sql`ALTER TABLE documents ADD COLUMN content text`.execute(db);
  await sql`
    CREATE FUNCTION documents_sync_body_content() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.content IS NULL THEN NEW.content := NEW.body;
        ELSIF NEW.body IS NULL THEN NEW.body := NEW.content;
        END IF;
      ELSIF NEW.content IS DISTINCT FROM OLD.content THEN
        NEW.body := NEW.content;
      ELSIF NEW.body IS DISTINCT FROM OLD.body THEN
        NEW.content := NEW.body;
      END IF;
      RETURN NEW;
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER documents_sync_body_content BEFORE INSERT OR UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_sync_body_content()`.execute(db);
  // Batches by id range keep each statement short; the migration's transaction still holds the row locks to the
  // end, which is fine at this size (for millions of rows, backfill outside the migration, batch by batch).
  const { rows } = await sql<{ max: string | null }>`SELECT max(id)::text AS max FROM documents`.execute(db);
  const max = Number(rows[0]?.max ?? 0);
  for (let from = 0; from <= max; from += 5000) {
    await sql`UPDATE documents SET content = body WHERE id > ${from} AND id <= ${from + 5000} AND content IS NULL`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER documents_sync_body_content ON documents`.execute(db);
  await sql`DROP FUNCTION documents_sync_body_content()`.execute(db);
  await sql`ALTER TABLE documents DROP COLUMN content`.execute(db);
}
