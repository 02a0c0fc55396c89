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

// Allow-lists: the user picks a key, the SQL text only ever contains our own constant strings.
// (Map/Object.hasOwn, not `in`: 'constructor' or '__proto__' must not be valid keys.)
const SORT_COLUMNS = new Map([
  ['id', 'id'],
  ['name', 'name'],
  ['created_at', 'created_at'],
]);
const DIRECTIONS = new Map([
  ['asc', 'ASC'],
  ['desc', 'DESC'],
]);

/** Makes %, _ and the escape character itself match literally in a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchUsers(query: Query, options: SearchOptions): Promise<UserSummary[]> {
  const { namePrefix, sortBy = 'id', direction = 'asc', limit = 20 } = options;

  // Validate first: invalid input is a 400 and never reaches the database.
  const column = SORT_COLUMNS.get(sortBy);
  if (!column) throw new InvalidSearchError(`cannot sort by ${JSON.stringify(sortBy)}`);
  const dir = DIRECTIONS.get(direction);
  if (!dir) throw new InvalidSearchError(`direction must be asc or desc, got ${JSON.stringify(direction)}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new InvalidSearchError('limit must be 1..100');

  // Values travel as parameters, separately from the SQL text: a quote in them is just a character.
  const params: unknown[] = [];
  let where = '';
  if (namePrefix !== undefined) {
    params.push(`${escapeLike(namePrefix)}%`); // backslash is LIKE's default escape character
    where = `WHERE name ILIKE $${params.length}`;
  }
  params.push(limit);

  // Name the columns: SELECT * would hand password_hash to whoever serialises the result.
  const { rows } = await query<UserSummary>(
    `SELECT id, name, email FROM users ${where} ORDER BY ${column} ${dir}, id ${dir} LIMIT $${params.length}`,
    params,
  );
  return rows;
}
