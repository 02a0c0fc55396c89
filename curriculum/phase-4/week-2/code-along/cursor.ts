import { err, ok, type Result } from './result.js'

/** Position after the last row of a page when sorting by (sortKey, id). Sent to clients as an opaque string. */
export interface Cursor {
  readonly sortKey: string
  readonly id: number
}

/** JSON -> UTF-8 bytes -> base64url: safe in a query string, for any Unicode title. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url')
}

/** Cursors come back from clients: untrusted input. Never throw, never accept a wrong shape. */
export function decodeCursor(text: string): Result<Cursor, 'invalid-cursor'> {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (
      typeof value === 'object' &&
      value !== null &&
      'sortKey' in value &&
      'id' in value &&
      typeof value.sortKey === 'string' &&
      Number.isSafeInteger(value.id)
    ) {
      return ok({ sortKey: value.sortKey, id: value.id as number })
    }
  } catch {
    // fall through: not base64url JSON
  }
  return err('invalid-cursor')
}

/**
 * The version many people write first. Kept here because fast-check finds its bug in milliseconds:
 * btoa() only accepts characters up to U+00FF, so any title outside Latin-1 throws.
 */
export function encodeCursorWithBtoa(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor))
}

export function decodeCursorWithAtob(text: string): Cursor {
  return JSON.parse(atob(text)) as Cursor
}
