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
    ['url.nul', () => Url.parse('https://x.dev/\0'), 'a URL must not contain NUL (U+0000)'],
    ['url.length', () => Url.parse(`https://x.dev/${'a'.repeat(MAX_URL_LENGTH)}`), `a URL has at most 2048 characters, got ${MAX_URL_LENGTH + 14}`],
    ['url.scheme', () => Url.parse('ftp://x.dev/a'), '"ftp://x.dev/a" is not an absolute http(s) URL'],
    ['url.scheme', () => Url.parse(`mailto:${'m'.repeat(100)}`), `"mailto:${'m'.repeat(53)}" is not an absolute http(s) URL`],
    ['title.nul', () => Title.parse('a\0'), 'a title must not contain NUL (U+0000)'],
    ['title.length', () => Title.parse('t'.repeat(MAX_TITLE_LENGTH + 1)), 'a title has at most 1000 characters, got 1001'],
    ['slug.length', () => Slug.parse(''), 'a slug has 1 to 200 characters, got 0'],
    ['slug.length', () => Slug.parse('s'.repeat(MAX_SLUG_LENGTH + 1)), 'a slug has 1 to 200 characters, got 201'],
    ['slug.format', () => Slug.parse('Not A Slug'), '"Not A Slug" is not a slug (lower-case words of a-z and 0-9 joined by single dashes)'],
    ['slug.format', () => Slug.parse(`${'x'.repeat(50)}-`), `"${'x'.repeat(40)}" is not a slug (lower-case words of a-z and 0-9 joined by single dashes)`],
    ['slug.digest', () => Slug.disambiguated('https://x.dev/a', 'XYZ'), 'a disambiguating digest is 8 or more lower-case hex characters, got "XYZ"'],
    ['slug.digest', () => Slug.disambiguated('https://x.dev/a', 'g'.repeat(30)), `a disambiguating digest is 8 or more lower-case hex characters, got "${'g'.repeat(20)}"`],
    ['content-hash.format', () => ContentHash.parse('abc'), 'a content hash is 64 hex characters (SHA-256), got "abc"'],
    ['content-hash.format', () => ContentHash.parse('Z'.repeat(80)), `a content hash is 64 hex characters (SHA-256), got "${'Z'.repeat(70)}"`],
    ['status.range', () => checkContent({ ...content, status: 600 }), 'a status is an integer from 0 to 599, got 600'],
    ['heading.level', () => checkContent({ ...content, headings: [{ level: 7, text: 'h' }] }), 'a heading level is 1 to 6, got 7'],
    ['body.length', () => checkContent({ ...content, body: 'b'.repeat(MAX_BODY_LENGTH + 1) }), 'a body has at most 1000000 characters, got 1000001'],
    ['body.nul', () => checkContent({ ...content, body: '\0' }), 'a body must not contain NUL (U+0000)'],
    ['document.id', () => Document.restore({ ...state, id: 0 }), 'a document id is a positive integer, got 0'],
    ['document.version', () => Document.restore({ ...state, version: 0 }), 'a version is a positive integer, got 0'],
  ])('%s: %s', (code, fn, message) => {
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
