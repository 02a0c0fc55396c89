import { describe, expect, it } from 'vitest';
import { ContentHash } from './content-hash.js';
import { checkContent, sameContent, type DocumentContent } from './document-content.js';
import { Title } from './title.js';
import { Url } from './url.js';

describe('Url', () => {
  it.each([['https://x.dev/docs'], ['http://127.0.0.1:8080/a?b=1'], ['HTTPS://X.DEV/']])('takes %s', (text) => {
    expect(Url.parse(text).value).toBe(text);
    expect(Url.isValid(text)).toBe(true);
  });

  it.each([
    ['ftp://x.dev/a', 'url.scheme'],
    ['/docs/p/1', 'url.scheme'],
    ['https://', 'url.scheme'],
    ['https://x.dev/\0', 'url.nul'],
    [`https://x.dev/${'a'.repeat(2040)}`, 'url.length'],
  ])('refuses %s (%s)', (text, code) => {
    expect(() => Url.parse(text)).toThrow(expect.objectContaining({ code }));
    expect(Url.isValid(text)).toBe(false);
  });

  it('knows its host, lower-cased', () => {
    expect(Url.parse('https://Docs.Example.dev:8443/x').host).toBe('docs.example.dev:8443');
  });

  it('compares by value', () => {
    expect(Url.parse('https://x.dev/a').equals(Url.parse('https://x.dev/a'))).toBe(true);
    expect(Url.parse('https://x.dev/a').equals(Url.parse('https://x.dev/b'))).toBe(false);
  });
});

describe('Title', () => {
  it('takes an empty title and one of 1,000 characters', () => {
    expect(Title.parse('').value).toBe('');
    expect(Title.parse('t'.repeat(1000)).value).toHaveLength(1000);
  });

  it.each([
    ['t'.repeat(1001), 'title.length'],
    ['a\0b', 'title.nul'],
  ])('refuses %j (%s)', (text, code) => {
    expect(() => Title.parse(text)).toThrow(expect.objectContaining({ code }));
  });

  it('compares by value', () => {
    expect(Title.parse('Intro').equals(Title.parse('Intro'))).toBe(true);
    expect(Title.parse('Intro').equals(Title.parse('intro'))).toBe(false);
  });
});

describe('ContentHash', () => {
  const hex = 'a'.repeat(64);

  it('takes a SHA-256 hex digest, lower-casing it', () => {
    expect(ContentHash.parse(hex.toUpperCase()).hex).toBe(hex);
    expect(ContentHash.parse(hex).short).toBe('aaaaaaaaaaaa');
    expect(ContentHash.parse(hex).equals(ContentHash.parse(hex.toUpperCase()))).toBe(true);
  });

  it.each([['a'.repeat(63)], ['g'.repeat(64)], ['']])('refuses %j', (text) => {
    expect(() => ContentHash.parse(text)).toThrow(expect.objectContaining({ code: 'content-hash.format' }));
  });

  it('hashes a canonical text that depends on the content only', () => {
    const a: DocumentContent = { title: 'T', headings: [{ level: 1, text: 'H' }], body: 'B', links: ['https://x.dev/'], status: 200 };
    const reordered = { status: 200, links: ['https://x.dev/'], body: 'B', headings: [{ text: 'H', level: 1 }], title: 'T' };
    expect(ContentHash.canonicalText(reordered)).toBe(ContentHash.canonicalText(a));
    expect(ContentHash.canonicalText({ ...a, body: 'C' })).not.toBe(ContentHash.canonicalText(a));
  });
});

describe('document content', () => {
  const content: DocumentContent = { title: 'T', headings: [{ level: 2, text: 'H' }], body: 'text', links: [], status: 200 };

  it('takes the scraper network error status 0 and 599', () => {
    expect(() => checkContent({ ...content, status: 0 })).not.toThrow();
    expect(() => checkContent({ ...content, status: 599 })).not.toThrow();
  });

  // Named cases: a %j title would print the whole 1 MB body as the test's name.
  it.each([
    ['status 600', { status: 600 }, 'status.range'],
    ['status -1', { status: -1 }, 'status.range'],
    ['status 200.5', { status: 200.5 }, 'status.range'],
    ['a heading level 7', { headings: [{ level: 7, text: 'x' }] }, 'heading.level'],
    ['a heading level 0', { headings: [{ level: 0, text: 'x' }] }, 'heading.level'],
    ['a body with NUL', { body: 'a\0b' }, 'body.nul'],
    ['a body of 1,000,001 characters', { body: 'x'.repeat(1_000_001) }, 'body.length'],
  ] as const)('refuses %s (%s)', (_name, change, code) => {
    expect(() => checkContent({ ...content, ...change })).toThrow(expect.objectContaining({ code }));
  });

  it('compares content field by field', () => {
    expect(sameContent(content, { ...content, headings: [{ level: 2, text: 'H' }] })).toBe(true);
    expect(sameContent(content, { ...content, headings: [{ level: 3, text: 'H' }] })).toBe(false);
    expect(sameContent(content, { ...content, links: ['https://x.dev/'] })).toBe(false);
    expect(sameContent(content, { ...content, status: 404 })).toBe(false);
  });
});
