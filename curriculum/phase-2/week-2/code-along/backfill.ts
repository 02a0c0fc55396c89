import type { Db } from './db.js'

/**
 * Copies body into content for rows written before the expand migration, `batchSize` rows per
 * statement. Each batch is its own short transaction, so row locks are held for milliseconds and
 * the job can be stopped and restarted at any point. Returns the number of batches that changed rows.
 */
export async function backfillContent(db: Db, batchSize: number): Promise<number> {
  let batches = 0
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `WITH batch AS (
         SELECT id FROM documents WHERE content IS NULL ORDER BY id LIMIT $1
       ), updated AS (
         UPDATE documents d SET content = d.body FROM batch WHERE d.id = batch.id RETURNING 1
       )
       SELECT count(*)::int AS n FROM updated`,
      [batchSize],
    )
    if ((rows[0]?.n ?? 0) === 0) return batches
    batches++
  }
}
