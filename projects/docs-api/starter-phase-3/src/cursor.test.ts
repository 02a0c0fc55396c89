import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('page cursors', () => {
  it('round-trips and is opaque (base64url)', () => {
    const cursor = { createdAt: '2026-11-25T01:22:02.602488Z', id: 289 };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['not base64 json', 'zzz'],
    ['wrong version', Buffer.from(JSON.stringify({ v: 2, t: '2026-11-25T01:22:02.602488Z', i: 1 })).toString('base64url')],
    ['bad timestamp', Buffer.from(JSON.stringify({ v: 1, t: "2026'; drop", i: 1 })).toString('base64url')],
    ['bad id', Buffer.from(JSON.stringify({ v: 1, t: '2026-11-25T01:22:02.602488Z', i: -3 })).toString('base64url')],
  ])('rejects %s', (_name, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
