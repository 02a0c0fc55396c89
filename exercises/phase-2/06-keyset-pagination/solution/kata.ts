export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;

export interface Post {
  id: number;
  title: string;
  createdAt: Date;
}

export interface Page {
  items: Post[];
  /** Opaque; `null` on the last page. */
  nextCursor: string | null;
}

export interface ListOptions {
  limit: number;
  cursor?: string | null;
}

/** Position of the last row of a page: its full sort key. */
interface Position {
  /** created_at as Postgres printed it — microseconds included, which a JS Date would drop. */
  createdAt: string;
  id: number;
}

// Opaque to clients (they must not build or edit cursors), trivially decodable by us.
function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && Number.isInteger(id)) return { createdAt, id: id as number };
  } catch {
    // fall through
  }
  // A client error (400), not a database error (500) with our SQL in it.
  throw new Error('invalid cursor');
}

/** One page of the feed, newest first. */
export async function listPosts(query: Query, options: ListOptions): Promise<Page> {
  const { limit, cursor } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new RangeError(`limit must be an integer from 1 to 100, got ${limit}`);
  }
  const after = cursor === undefined || cursor === null ? null : decodeCursor(cursor);

  // The row comparison (created_at, id) < (...) means "strictly after the last row" for a
  // (created_at DESC, id DESC) order, and the index on those columns lets Postgres seek straight
  // to it. Two separate statements rather than `$1 IS NULL OR ...`, which can stop the planner
  // from using the index. limit + 1: the extra row says whether a next page exists.
  const select = 'SELECT id, title, created_at, created_at::text AS created_at_text FROM posts';
  const order = 'ORDER BY created_at DESC, id DESC';
  const [sql, params] = after
    ? [
        `${select} WHERE (created_at, id) < ($1::timestamptz, $2::int) ${order} LIMIT $3`,
        [after.createdAt, after.id, limit + 1],
      ]
    : [`${select} ${order} LIMIT $1`, [limit + 1]];
  const { rows } = await query<{ id: number; title: string; created_at: Date; created_at_text: string }>(sql, params);

  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at })),
    nextCursor: hasMore && last ? encodeCursor({ createdAt: last.created_at_text, id: last.id }) : null,
  };
}
