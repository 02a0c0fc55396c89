export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;

export class InvalidSearchError extends Error {
  override name = 'InvalidSearchError';
}

export interface SearchOptions {
  namePrefix?: string;
  /** 'id' (default) | 'name' | 'created_at' — but it comes straight from the query string. */
  sortBy?: string;
  /** 'asc' (default) | 'desc' */
  direction?: string;
  /** 1..100, default 20 */
  limit?: number;
}

export interface UserSummary {
  id: number;
  name: string;
  email: string;
}

export async function searchUsers(query: Query, options: SearchOptions): Promise<UserSummary[]> {
  // TODO: every piece of user input is pasted into the SQL text.
  const { namePrefix, sortBy = 'id', direction = 'asc', limit = 20 } = options;
  const where = namePrefix !== undefined ? `WHERE name ILIKE '${namePrefix}%'` : '';
  const { rows } = await query<UserSummary>(`SELECT * FROM users ${where} ORDER BY ${sortBy} ${direction} LIMIT ${limit}`);
  return rows;
}
