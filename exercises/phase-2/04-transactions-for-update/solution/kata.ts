export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;

/** One database connection, taken from a pool. */
export interface Session {
  query: Query;
  /** Gives the connection back to the pool. Call exactly once. */
  release(): void;
}

/** The part of a pool we need (node-pg's Pool has this shape). */
export interface Db {
  connect(): Promise<Session>;
}

export class InsufficientFundsError extends Error {
  override name = 'InsufficientFundsError';
}

export class AccountNotFoundError extends Error {
  override name = 'AccountNotFoundError';
}

/**
 * Moves `amount` cents from account `fromId` to account `toId`, atomically.
 */
export async function transfer(db: Db, fromId: number, toId: number, amount: number): Promise<void> {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError(`amount must be a positive integer, got ${amount}`);
  if (fromId === toId) throw new RangeError('cannot transfer to the same account');

  // A transaction lives on one connection: pool.query() could send BEGIN and UPDATE to different ones.
  const session = await db.connect();
  try {
    await session.query('BEGIN');
    // Lock both rows until COMMIT. A concurrent transfer blocks here and then reads the updated
    // balance, so the check below cannot be based on a stale value. ORDER BY id makes every
    // transfer lock in the same order, so A→B and B→A cannot wait on each other (deadlock).
    const { rows } = await session.query<{ id: number; balance: number }>(
      'SELECT id, balance FROM accounts WHERE id IN ($1, $2) ORDER BY id FOR UPDATE',
      [fromId, toId],
    );
    const from = rows.find((r) => r.id === fromId);
    const to = rows.find((r) => r.id === toId);
    if (!from || !to) throw new AccountNotFoundError(`account ${!from ? fromId : toId} does not exist`);
    if (from.balance < amount) throw new InsufficientFundsError(`account ${fromId} has less than ${amount}`);

    // Relative updates (balance - $1) rather than writing a value computed in JS.
    await session.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, fromId]);
    await session.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, toId]);
    await session.query('COMMIT');
  } catch (error) {
    // Without ROLLBACK the connection goes back to the pool inside an open (or aborted) transaction,
    // and the next request that borrows it fails or, worse, commits our half-done work.
    await session.query('ROLLBACK');
    throw error;
  } finally {
    session.release();
  }
}
