import { sql, type Kysely } from 'kysely';

// Contract (step 3 of 3): drop the trigger, `body` and the body-based `search`, and give the content-based
// vector and index the old names, so queries naming `search` never change. One transaction: other sessions
// see the old schema or the new one, never a table without `search`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`SET LOCAL lock_timeout = '5s'`.execute(db);
  await sql`DROP TRIGGER documents_sync_body_content ON documents`.execute(db);
  await sql`DROP FUNCTION documents_sync_body_content()`.execute(db);
  await sql`ALTER TABLE documents DROP COLUMN search`.execute(db);
  await sql`ALTER TABLE documents DROP COLUMN body`.execute(db);
  await sql`ALTER TABLE documents RENAME COLUMN search_content TO search`.execute(db);
  await sql`ALTER INDEX documents_search_content_idx RENAME TO documents_search_idx`.execute(db);
}

// Down re-expands: `body` comes back filled from `content`, with the trigger and the body-based vector, so the
// schema is again the one between 0003 and 0004.
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`SET LOCAL lock_timeout = '5s'`.execute(db);
  await sql`ALTER INDEX documents_search_idx RENAME TO documents_search_content_idx`.execute(db);
  await sql`ALTER TABLE documents RENAME COLUMN search TO search_content`.execute(db);
  await sql`ALTER TABLE documents ADD COLUMN body text`.execute(db);
  await sql`UPDATE documents SET body = content`.execute(db);
  await sql`
    ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS
      (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')) STORED`.execute(db);
  await sql`CREATE INDEX documents_search_idx ON documents USING gin (search)`.execute(db);
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
}
