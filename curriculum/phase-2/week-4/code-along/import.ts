import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import type { Db } from './db.js'

/** One line of the phase-1 scraper's NDJSON output. */
export interface ScrapedRecord {
  url: string
  title: string
  status: number
  bytes: number
  fetchedAt: string
  meta?: Record<string, unknown>
}

export interface ImportStats {
  inserted: number
  updated: number
  unchanged: number
}

/**
 * Streams NDJSON into Postgres in batches: memory stays bounded by one batch however big the file.
 * Each batch is ONE statement (the rows travel as a single JSON parameter), and it is idempotent:
 * importing the same file twice changes nothing.
 */
export async function importNdjson(db: Db, source: AsyncIterable<string | Buffer> | Iterable<string | Buffer>, batchSize = 500): Promise<ImportStats> {
  const stats: ImportStats = { inserted: 0, updated: 0, unchanged: 0 }
  const lines = createInterface({ input: Readable.from(source), crlfDelay: Infinity })
  let batch = new Map<string, ScrapedRecord>()
  let lineNo = 0
  for await (const line of lines) {
    lineNo++
    if (line.trim() === '') continue
    let record: ScrapedRecord
    try {
      record = JSON.parse(line) as ScrapedRecord
    } catch (cause) {
      throw new Error(`invalid JSON on line ${lineNo}`, { cause })
    }
    batch.delete(record.url) // the same URL twice in one batch: the later line wins
    batch.set(record.url, record)
    if (batch.size >= batchSize) {
      await upsertBatch(db, [...batch.values()], stats)
      batch = new Map()
    }
  }
  if (batch.size > 0) await upsertBatch(db, [...batch.values()], stats)
  return stats
}

function contentHash(r: ScrapedRecord): string {
  return createHash('sha256').update(JSON.stringify([r.title, r.status, r.bytes, r.meta ?? {}])).digest('hex')
}

async function upsertBatch(db: Db, records: ScrapedRecord[], stats: ImportStats): Promise<void> {
  const rows = records.map((r) => ({ ...r, meta: r.meta ?? {}, hash: contentHash(r) }))
  // ON CONFLICT ... DO UPDATE ... WHERE: rows whose content did not change are not rewritten (no
  // dead tuples, no updated_at bump) and are not RETURNed. xmax = 0 means "this row version was
  // inserted, not updated" — a Postgres implementation detail, widely used for exactly this.
  const { rows: changed } = await db.query<{ inserted: boolean }>(
    `INSERT INTO documents (url, title, status, bytes, meta, content_hash, fetched_at)
     SELECT r.url, r.title, r.status, r.bytes, r.meta, r.hash, r."fetchedAt"
     FROM jsonb_to_recordset($1::jsonb)
       AS r(url text, title text, status smallint, bytes integer, meta jsonb, hash text, "fetchedAt" timestamptz)
     ON CONFLICT (url) DO UPDATE
       SET title = EXCLUDED.title, status = EXCLUDED.status, bytes = EXCLUDED.bytes, meta = EXCLUDED.meta,
           content_hash = EXCLUDED.content_hash, fetched_at = EXCLUDED.fetched_at, updated_at = now()
       WHERE documents.content_hash IS DISTINCT FROM EXCLUDED.content_hash
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  )
  const inserted = changed.filter((row) => row.inserted).length
  stats.inserted += inserted
  stats.updated += changed.length - inserted
  stats.unchanged += records.length - changed.length
}
