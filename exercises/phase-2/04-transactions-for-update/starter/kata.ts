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
  void db;
  void fromId;
  void toId;
  void amount;
  throw new Error('TODO: implement transfer');
}
