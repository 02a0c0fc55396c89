import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContentHash } from './content-hash.js';
import type { DocumentContent } from './document-content.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const content: DocumentContent = { title: 'Fetch', headings: [{ level: 1, text: 'Fetch' }], body: 'The fetch API.', links: ['https://x.dev/'], status: 200 };

describe('ContentHash.parse', () => {
  it('takes a SHA-256 hex digest and lower-cases it', () => {
    const hex = 'ab'.repeat(32);
    expect(ContentHash.parse(hex.toUpperCase()).hex).toBe(hex);
    expect(ContentHash.parse(hex).equals(ContentHash.parse(hex.toUpperCase()))).toBe(true);
    expect(`${ContentHash.parse(hex)}`).toBe(hex);
  });

  it.each([['a'.repeat(63)], ['a'.repeat(65)], ['g'.repeat(64)], ['']])('refuses %j', (text) => {
    expect(() => ContentHash.parse(text)).toThrow(expect.objectContaining({ code: 'content-hash.format' }));
  });
});

describe('ContentHash.of', () => {
  it('gives the same hash for the same content, whatever the order of its keys', () => {
    const reordered = { status: 200, links: ['https://x.dev/'], body: 'The fetch API.', headings: [{ text: 'Fetch', level: 1 }], title: 'Fetch' };
    expect(ContentHash.of(reordered, sha256).equals(ContentHash.of(content, sha256))).toBe(true);
  });

  it.each([
    ['title', { title: 'Fetch v2' }],
    ['body', { body: 'Changed.' }],
    ['heading level', { headings: [{ level: 2, text: 'Fetch' }] }],
    ['links', { links: [] }],
    ['status', { status: 404 }],
  ])('gives another hash when the %s changes', (_field, change) => {
    expect(ContentHash.of({ ...content, ...change }, sha256).equals(ContentHash.of(content, sha256))).toBe(false);
  });

  it('refuses a hash function that does not give a SHA-256 digest', () => {
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    expect(() => ContentHash.of(content, md5)).toThrow(expect.objectContaining({ code: 'content-hash.format' }));
  });
});
