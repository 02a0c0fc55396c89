import type { Db } from './db.js'

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE'

export interface TransactionOptions {
  /** @default 'READ COMMITTED' (Postgres's default) */
  readonly isolation?: IsolationLevel
  /** Total attempts for serialization failures and deadlocks. @default 3 */
  readonly maxAttempts?: number
}

// 40001 serialization_failure, 40P01 deadlock_detected: the transaction did nothing wrong, it lost a
// race. Postgres rolled it back; running the whole transaction again is the documented remedy.
const RETRYABLE = new Set(['40001', '40P01'])

export function sqlStateOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}

/**
 * Runs `work` in one transaction: COMMIT if it resolves, ROLLBACK if it throws. Retries the whole
 * function on serialization failures, so `work` must be safe to run again (no side effects outside
 * the database, such as sending e-mail, inside it).
 */
export async function withTransaction<T>(db: Db, work: (db: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const { isolation = 'READ COMMITTED', maxAttempts = 3 } = options
  for (let attempt = 1; ; attempt++) {
    await db.exec(`BEGIN ISOLATION LEVEL ${isolation}`)
    try {
      const result = await work(db)
      await db.exec('COMMIT')
      return result
    } catch (error) {
      await db.exec('ROLLBACK')
      if (attempt >= maxAttempts || !RETRYABLE.has(sqlStateOf(error) ?? '')) throw error
    }
  }
}
