import type { Kysely } from 'kysely';

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction (every transaction of the store is one, see store-dialect.ts):
 * the write lock is taken up front, so two terminals doing read-then-write (start a session, spend a freeze)
 * are serialised instead of both acting on a stale read. An error rolls the whole of `fn` back.
 */
export async function immediate<DB, T>(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
