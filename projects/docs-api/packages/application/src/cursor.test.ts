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

describe('page cursor edges', () => {
  const t = '2026-11-25T01:22:02.602488Z';
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('takes the first id, 1', () => {
    expect(decodeCursor(encode({ v: 1, t, i: 1 }))).toEqual({ createdAt: t, id: 1 });
  });

  it.each([
    ['no version', { t, i: 1 }],
    ['a timestamp that is not a string', { v: 1, t: 20261125, i: 1 }],
    ['text before the timestamp', { v: 1, t: `x${t}`, i: 1 }],
    ['text after the timestamp', { v: 1, t: `${t}x`, i: 1 }],
    ['millisecond precision', { v: 1, t: '2026-11-25T01:22:02.602Z', i: 1 }],
    ['an id that is a string', { v: 1, t, i: '1' }],
    ['an id that is not an integer', { v: 1, t, i: 1.5 }],
    ['an id past 2^53', { v: 1, t, i: 2 ** 53 }],
    ['id 0', { v: 1, t, i: 0 }],
    ['JSON null', null],
  ])('rejects %s', (_name, value) => {
    expect(decodeCursor(encode(value))).toBeNull();
  });
});
