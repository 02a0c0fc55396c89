import { describe, expect, it } from 'vitest';
import { ContentHash } from './content-hash.js';
import { checkContent, MAX_BODY_LENGTH, type DocumentContent } from './document-content.js';
import { Document, type DocumentState } from './document.js';
import { DomainError } from './domain-error.js';
import { MAX_SLUG_LENGTH, Slug } from './slug.js';
import { MAX_TITLE_LENGTH, Title } from './title.js';
import { MAX_URL_LENGTH, Url } from './url.js';

// What a client reads: the API answers a broken rule with 400 problem+json whose `detail` is the DomainError's
// message, so each message is part of the contract: it names the rule and quotes (a bounded piece of) the value.

const content: DocumentContent = { title: 'T', headings: [], body: '', links: [], status: 200 };
const state: DocumentState = { id: 7, url: 'https://x.dev/a', slug: 'a', ...content, version: 1 };

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('DomainError messages', () => {
  it.each([
    ['url.nul', 'a URL must not contain NUL (U+0000)', () => Url.parse('https://x.dev/\0')],
    ['url.length', `a URL has at most 2048 characters, got ${MAX_URL_LENGTH + 14}`, () => Url.parse(`https://x.dev/${'a'.repeat(MAX_URL_LENGTH)}`)],
    ['url.scheme', '"ftp://x.dev/a" is not an absolute http(s) URL', () => Url.parse('ftp://x.dev/a')],
    ['url.scheme', `"mailto:${'m'.repeat(53)}" is not an absolute http(s) URL`, () => Url.parse(`mailto:${'m'.repeat(100)}`)],
    ['title.nul', 'a title must not contain NUL (U+0000)', () => Title.parse('a\0')],
    ['title.length', 'a title has at most 1000 characters, got 1001', () => Title.parse('t'.repeat(MAX_TITLE_LENGTH + 1))],
    ['slug.length', 'a slug has 1 to 200 characters, got 0', () => Slug.parse('')],
    ['slug.length', 'a slug has 1 to 200 characters, got 201', () => Slug.parse('s'.repeat(MAX_SLUG_LENGTH + 1))],
    ['slug.format', '"Not A Slug" is not a slug (lower-case words of a-z and 0-9 joined by single dashes)', () => Slug.parse('Not A Slug')],
    ['slug.format', `"${'x'.repeat(40)}" is not a slug (lower-case words of a-z and 0-9 joined by single dashes)`, () => Slug.parse(`${'x'.repeat(50)}-`)],
    ['slug.digest', 'a disambiguating digest is 8 or more lower-case hex characters, got "XYZ"', () => Slug.disambiguated('https://x.dev/a', 'XYZ')],
    ['slug.digest', `a disambiguating digest is 8 or more lower-case hex characters, got "${'g'.repeat(20)}"`, () => Slug.disambiguated('https://x.dev/a', 'g'.repeat(30))],
    ['content-hash.format', 'a content hash is 64 hex characters (SHA-256), got "abc"', () => ContentHash.parse('abc')],
    ['content-hash.format', `a content hash is 64 hex characters (SHA-256), got "${'Z'.repeat(70)}"`, () => ContentHash.parse('Z'.repeat(80))],
    ['status.range', 'a status is an integer from 0 to 599, got 600', () => checkContent({ ...content, status: 600 })],
    ['heading.level', 'a heading level is 1 to 6, got 7', () => checkContent({ ...content, headings: [{ level: 7, text: 'h' }] })],
    ['body.length', 'a body has at most 1000000 characters, got 1000001', () => checkContent({ ...content, body: 'b'.repeat(MAX_BODY_LENGTH + 1) })],
    ['body.nul', 'a body must not contain NUL (U+0000)', () => checkContent({ ...content, body: '\0' })],
    ['document.id', 'a document id is a positive integer, got 0', () => Document.restore({ ...state, id: 0 })],
    ['document.version', 'a version is a positive integer, got 0', () => Document.restore({ ...state, version: 0 })],
  ] as const)('%s: %s', (code, message, fn) => {
    const error = thrown(fn);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('a deleted document refuses a revision and a second delete, naming its id', () => {
    const at = new Date('2025-08-02T10:00:00Z');
    const d = Document.restore(state);
    d.delete(at);
    expect(thrown(() => d.revise(content, at)).message).toBe('document 7 is deleted and takes no revisions');
    expect(thrown(() => d.delete(at)).message).toBe('document 7 is already deleted');
  });
});
