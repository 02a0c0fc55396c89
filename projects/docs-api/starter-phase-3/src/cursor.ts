/** Where a page of the listing ends: the last row's `created_at` (microseconds, UTC) and id. */
export interface PageCursor {
  readonly createdAt: string;
  readonly id: number;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Encodes a cursor as opaque base64url text; clients hand it back unchanged. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, t: cursor.createdAt, i: cursor.id })).toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; returns null for anything else (the route answers 400). */
export function decodeCursor(text: string): PageCursor | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { v?: unknown; t?: unknown; i?: unknown };
    if (value.v !== 1 || typeof value.t !== 'string' || !TIMESTAMP.test(value.t)) return null;
    if (typeof value.i !== 'number' || !Number.isSafeInteger(value.i) || value.i < 1) return null;
    return { createdAt: value.t, id: value.i };
  } catch {
    return null;
  }
}
