import { describe, expect, it } from 'vitest';
import { ContentHash } from './content-hash.js';
import { sameContent, type DocumentContent } from './document-content.js';
import { Document, type DocumentState } from './document.js';
import { MAX_SLUG_LENGTH, Slug } from './slug.js';
import { MAX_URL_LENGTH, Url } from './url.js';

// The edges of each rule: the last value a rule takes and the first it refuses, patterns that must match the
// whole text (not a piece of it), and what two values compare as.

const hex64 = 'ab'.repeat(32);

describe('Url edges', () => {
  it('takes a URL of exactly 2048 characters', () => {
    const text = `https://x.dev/${'a'.repeat(MAX_URL_LENGTH - 'https://x.dev/'.length)}`;
    expect(text).toHaveLength(MAX_URL_LENGTH);
    expect(Url.parse(text).value).toBe(text);
  });

  it('wants http(s) at the start, not anywhere in a URL that parses', () => {
    expect(URL.canParse('ftp://x.dev/?next=http://y.dev/')).toBe(true);
    expect(() => Url.parse('ftp://x.dev/?next=http://y.dev/')).toThrow(expect.objectContaining({ code: 'url.scheme' }));
  });

  it('reads as its text', () => {
    expect(String(Url.parse('https://x.dev/a'))).toBe('https://x.dev/a');
  });
});

describe('Slug edges', () => {
  it('takes a slug of exactly 200 characters', () => {
    expect(Slug.parse('s'.repeat(MAX_SLUG_LENGTH)).value).toHaveLength(MAX_SLUG_LENGTH);
  });

  it('turns a run of other characters into one dash', () => {
    expect(Slug.fromUrl('https://x.dev/a//b__c').value).toBe('a-b-c');
  });

  it('wants a digest of hex characters only, not one that merely contains 8 of them', () => {
    expect(() => Slug.disambiguated('https://x.dev/a', 'x3fa9c1d2')).toThrow(expect.objectContaining({ code: 'slug.digest' }));
    expect(() => Slug.disambiguated('https://x.dev/a', '3fa9c1d2x')).toThrow(expect.objectContaining({ code: 'slug.digest' }));
    expect(Slug.disambiguated('https://x.dev/a', '3fa9c1d2').value).toBe('a-3fa9c1d2');
  });

  it('reads as its text and compares by value', () => {
    expect(`${Slug.parse('docs-a')}`).toBe('docs-a');
    expect(Slug.parse('docs-a').equals(Slug.parse('docs-a'))).toBe(true);
    expect(Slug.parse('docs-a').equals(Slug.parse('docs-b'))).toBe(false);
  });
});

describe('ContentHash edges', () => {
  it.each([
    ['a character before the digest', `x${hex64}`],
    ['a character after the digest', `${hex64}x`],
    ['63 characters', hex64.slice(1)],
  ])('refuses %s', (_name, text) => {
    expect(() => ContentHash.parse(text)).toThrow(expect.objectContaining({ code: 'content-hash.format' }));
  });

  it('compares by value, upper or lower case', () => {
    expect(ContentHash.parse(hex64).equals(ContentHash.parse(hex64.toUpperCase()))).toBe(true);
    expect(ContentHash.parse(hex64).equals(ContentHash.parse('cd'.repeat(32)))).toBe(false);
  });

  it('hashes a canonical text of title, headings as [level, text], body, links and status', () => {
    const content: DocumentContent = { status: 200, links: ['https://x.dev/b'], body: 'B', headings: [{ text: 'H', level: 2 }], title: 'T' };
    expect(ContentHash.canonicalText(content)).toBe('["T",[[2,"H"]],"B",["https://x.dev/b"],200]');
  });
});

describe('sameContent', () => {
  const a: DocumentContent = { title: 'T', headings: [{ level: 1, text: 'H' }, { level: 2, text: 'I' }], body: 'B', links: ['l1', 'l2'], status: 200 };

  it.each([
    ['the title', { title: 'U' }],
    ['the body', { body: 'C' }],
    ['the status', { status: 404 }],
    ['a link', { links: ['l1', 'l3'] }],
    ['one link fewer', { links: ['l1'] }],
    ['a heading level', { headings: [{ level: 1, text: 'H' }, { level: 3, text: 'I' }] }],
    ['a heading text', { headings: [{ level: 1, text: 'H' }, { level: 2, text: 'J' }] }],
    ['the first heading only', { headings: [{ level: 1, text: 'X' }, { level: 2, text: 'I' }] }],
    ['one heading fewer', { headings: [{ level: 1, text: 'H' }] }],
  ])('is false when %s differs', (_name, change) => {
    expect(sameContent(a, { ...a, ...change })).toBe(false);
  });

  it('is true for equal content in other arrays', () => {
    expect(sameContent(a, { ...a, headings: a.headings.map((h) => ({ ...h })), links: [...a.links] })).toBe(true);
  });
});

describe('Document.restore edges', () => {
  const state: DocumentState = { id: 1, url: 'https://x.dev/a', slug: 'a', title: 'T', headings: [], body: '', links: [], status: 200, version: 1 };

  it('takes id 1 and version 1, the first of each', () => {
    const d = Document.restore(state);
    expect([d.id, d.version]).toEqual([1, 1]);
  });
});
