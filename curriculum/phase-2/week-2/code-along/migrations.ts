import type { Migration } from './migrate.js'

/**
 * Renaming documents.body to documents.content without downtime (expand / contract). During the
 * rollout, old app instances (writing `body`) and new ones (writing `content`) run side by side,
 * so each step must work with both.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001_init',
    sql: `
      CREATE TABLE documents (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url        text NOT NULL UNIQUE,
        body       text NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    // EXPAND: add the new column (nullable, no default: a metadata-only change, instant on any size),
    // and keep both columns in sync whichever one a writer sets.
    id: '002_expand_content',
    sql: `
      ALTER TABLE documents ADD COLUMN content text;
      ALTER TABLE documents ALTER COLUMN body DROP NOT NULL;
      CREATE FUNCTION documents_sync_content() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.content := coalesce(NEW.content, NEW.body);
          NEW.body := coalesce(NEW.body, NEW.content);
        ELSIF NEW.body IS DISTINCT FROM OLD.body THEN
          NEW.content := NEW.body;          -- an old instance updated body
        ELSIF NEW.content IS DISTINCT FROM OLD.content THEN
          NEW.body := NEW.content;          -- a new instance updated content
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER documents_sync_content BEFORE INSERT OR UPDATE ON documents
        FOR EACH ROW EXECUTE FUNCTION documents_sync_content();`,
  },
  // (between 002 and 003: deploy the new app version, then run backfillContent())
  //
  // NOT NULL without a long exclusive lock, in three separate transactions:
  {
    // Instant: NOT VALID skips checking existing rows (new writes are checked from now on).
    id: '003_content_check',
    sql: `ALTER TABLE documents ADD CONSTRAINT documents_content_not_null CHECK (content IS NOT NULL) NOT VALID;`,
  },
  {
    // Scans the table, but under a lock that lets reads and writes continue.
    id: '004_content_validate',
    sql: `ALTER TABLE documents VALIDATE CONSTRAINT documents_content_not_null;`,
  },
  {
    // Brief exclusive lock: SET NOT NULL skips its own scan because a valid CHECK already proves it.
    id: '005_content_set_not_null',
    sql: `
      ALTER TABLE documents ALTER COLUMN content SET NOT NULL;
      ALTER TABLE documents DROP CONSTRAINT documents_content_not_null;`,
  },
  // (deploy the app version that no longer reads or writes body, then:)
  {
    // CONTRACT: remove what no running code uses any more.
    id: '006_contract_body',
    sql: `
      DROP TRIGGER documents_sync_content ON documents;
      DROP FUNCTION documents_sync_content();
      ALTER TABLE documents DROP COLUMN body;`,
  },
]

/** The next release's migration, rehearsed on a restored dump before it touches production. */
export const NEXT_MIGRATION: Migration = {
  id: '007_documents_fetched_at_idx',
  // Builds the index without blocking writes; it cannot run inside a transaction.
  sql: 'CREATE INDEX CONCURRENTLY documents_fetched_at_idx ON documents (fetched_at)',
  transactional: false,
}
