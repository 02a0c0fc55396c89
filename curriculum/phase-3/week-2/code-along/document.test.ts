import { describe, expect, it } from 'vitest';
import { Document, type DocumentState } from './document.js';
import { DomainError } from './domain-error.js';
import { Slug } from './slug.js';

const at = new Date('2026-12-01T10:00:00Z');
const stored: DocumentState = {
  id: 7,
  url: 'https://x.dev/docs/p/7',
  slug: 'docs-p-7',
  title: 'Seven',
  headings: [{ level: 1, text: 'Seven' }],
  body: 'The seventh page.',
  links: ['https://x.dev/docs/p/8'],
  status: 200,
  version: 3,
};

describe('a new document', () => {
  it('gets the slug of its URL when the client gives none', () => {
    const draft = Document.draft({ url: 'https://x.dev/Docs/Intro', title: 'Intro', headings: [], body: '', links: [], status: 200 });
    expect(draft.slug.value).toBe('docs-intro');
    expect(draft.url.value).toBe('https://x.dev/Docs/Intro');
  });

  it('keeps the slug the client chose, once it passes Slug.parse', () => {
    expect(Document.draft({ ...stored, slug: 'seven' }).slug.value).toBe('seven');
    expect(() => Document.draft({ ...stored, slug: 'Not A Slug' })).toThrow(DomainError);
  });

  it.each([
    [{ url: 'mailto:a@b.dev' }, 'url.scheme'],
    [{ title: 'x'.repeat(1001) }, 'title.length'],
    [{ status: 1000 }, 'status.range'],
  ])('is refused with %j (%s)', (change, code) => {
    expect(() => Document.draft({ ...stored, ...change })).toThrow(expect.objectContaining({ code }));
  });
});

describe('a stored document', () => {
  it('comes back as it was stored, with no event: nothing happened to it', () => {
    const document = Document.restore(stored);
    expect(document.toState()).toEqual(stored);
    expect(document.pullEvents()).toEqual([]);
  });

  it.each([
    [{ id: 0 }, 'document.id'],
    [{ version: 0 }, 'document.version'],
    [{ slug: '' }, 'slug.length'],
    [{ url: 'ftp://x.dev/7' }, 'url.scheme'],
  ])('is refused with %j (%s)', (change, code) => {
    expect(() => Document.restore({ ...stored, ...change })).toThrow(expect.objectContaining({ code }));
  });

  it('cannot be changed through its content', () => {
    const document = Document.restore(stored);
    expect(() => (document.content.links as string[]).push('https://x.dev/spam')).toThrow(TypeError);
    expect(document.content.links).toEqual(['https://x.dev/docs/p/8']);
  });
});

describe('publication', () => {
  it('records DocumentPublished at version 1, and the event is pulled once', () => {
    const document = Document.published({ ...stored, version: 1 }, at);
    expect(document.pullEvents()).toEqual([{ type: 'DocumentPublished', id: 7, slugs: ['docs-p-7'], version: 1, at }]);
    expect(document.pullEvents()).toEqual([]);
  });

  it('happens at version 1 only', () => {
    expect(() => Document.published(stored, at)).toThrow(expect.objectContaining({ code: 'document.version' }));
  });
});

describe('a revision', () => {
  it('that changes the content adds 1 to the version and records DocumentRevised', () => {
    const document = Document.restore(stored);
    expect(document.revise({ ...stored, body: 'New text.' }, at)).toBe(true);
    expect(document.version).toBe(4);
    expect(document.content.body).toBe('New text.');
    expect(document.pullEvents()).toEqual([{ type: 'DocumentRevised', id: 7, slugs: ['docs-p-7'], version: 4, at }]);
  });

  it('that changes nothing is no revision: same version, no event', () => {
    const document = Document.restore(stored);
    expect(document.revise({ ...stored, headings: [{ level: 1, text: 'Seven' }] }, at)).toBe(false);
    expect(document.version).toBe(3);
    expect(document.pullEvents()).toEqual([]);
  });

  it('counts real changes only', () => {
    const document = Document.restore(stored);
    document.revise({ ...stored, body: 'a' }, at);
    document.revise({ ...stored, body: 'a' }, at);
    document.revise({ ...stored, body: 'b' }, at);
    expect(document.version).toBe(5);
    expect(document.pullEvents().map((e) => e.version)).toEqual([4, 5]);
  });

  it('with a new slug names the old and the new one, so both leave the cache', () => {
    const document = Document.restore(stored);
    expect(document.revise(stored, at, Slug.parse('seven'))).toBe(true);
    expect(document.slug.value).toBe('seven');
    expect(document.pullEvents()).toEqual([{ type: 'DocumentRevised', id: 7, slugs: ['docs-p-7', 'seven'], version: 4, at }]);
  });

  it('that breaks a rule leaves the document as it was', () => {
    const document = Document.restore(stored);
    expect(() => document.revise({ ...stored, body: 'new', status: 700 }, at)).toThrow(expect.objectContaining({ code: 'status.range' }));
    expect(document.toState()).toEqual(stored);
    expect(document.pullEvents()).toEqual([]);
  });
});

describe('a deletion', () => {
  it('records DocumentDeleted one version past the last', () => {
    const document = Document.restore(stored);
    document.delete(at);
    expect(document.deleted).toBe(true);
    expect(document.pullEvents()).toEqual([{ type: 'DocumentDeleted', id: 7, slugs: ['docs-p-7'], version: 4, at }]);
  });

  it('ends the document: no revision after it, and no second deletion', () => {
    const document = Document.restore(stored);
    document.delete(at);
    expect(() => document.revise({ ...stored, body: 'too late' }, at)).toThrow(expect.objectContaining({ code: 'document.deleted' }));
    expect(() => document.delete(at)).toThrow(expect.objectContaining({ code: 'document.deleted' }));
    expect(document.pullEvents()).toHaveLength(1);
  });
});
