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

/** One page of the feed, newest first. */
export async function listPosts(query: Query, options: ListOptions): Promise<Page> {
  // TODO: OFFSET pagination — correct until somebody inserts a row or the table grows.
  const offset = options.cursor ? Number(options.cursor) : 0;
  const { rows } = await query<{ id: number; title: string; created_at: Date }>(
    'SELECT id, title, created_at FROM posts ORDER BY created_at DESC LIMIT $1 OFFSET $2',
    [options.limit, offset],
  );
  return {
    items: rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at })),
    nextCursor: rows.length === options.limit ? String(offset + options.limit) : null,
  };
}
