import { describe, expect, it } from 'vitest';
import { Document, type DocumentState } from './document.js';
import { changeOf } from './document-events.js';
import { DomainError } from './domain-error.js';
import { Slug } from './slug.js';

const at = new Date('2025-08-02T10:00:00Z');
const state: DocumentState = {
  id: 7,
  url: 'https://x.dev/docs/p/7',
  slug: 'docs-p-7',
  title: 'Seven',
  headings: [{ level: 1, text: 'Seven' }],
  body: 'the seventh page',
  links: ['https://x.dev/docs/p/8'],
  status: 200,
  version: 3,
};

describe('Document.draft', () => {
  it('derives the slug from the URL when none is given', () => {
    const d = Document.draft({ url: 'https://x.dev/Docs/Intro', title: 'Intro', headings: [], body: '', links: [], status: 200 });
    expect(d.slug.value).toBe('docs-intro');
    expect(d.url.value).toBe('https://x.dev/Docs/Intro');
  });

  it('keeps a given slug and checks it', () => {
    expect(Document.draft({ ...state, slug: 'custom' }).slug.value).toBe('custom');
    expect(() => Document.draft({ ...state, slug: 'Not A Slug' })).toThrow(DomainError);
  });

  it.each([
    [{ url: 'mailto:a@b' }, 'url.scheme'],
    [{ title: 'x'.repeat(1001) }, 'title.length'],
    [{ status: 1000 }, 'status.range'],
  ])('refuses a draft with %j (%s)', (change, code) => {
    expect(() => Document.draft({ ...state, ...change })).toThrow(expect.objectContaining({ code }));
  });
});

describe('Document.restore', () => {
  it('round-trips its state and records no event', () => {
    const d = Document.restore(state);
    expect(d.toState()).toEqual(state);
    expect(d.pullEvents()).toEqual([]);
  });

  it.each([
    [{ id: 0 }, 'document.id'],
    [{ version: 0 }, 'document.version'],
    [{ slug: '' }, 'slug.length'],
  ])('refuses a stored state with %j (%s)', (change, code) => {
    expect(() => Document.restore({ ...state, ...change })).toThrow(expect.objectContaining({ code }));
  });

  it('copies what it is given: changing the input afterwards changes nothing', () => {
    const input = { ...state, links: ['https://x.dev/a'] };
    const d = Document.restore(input);
    input.links.push('https://x.dev/b');
    expect(d.content.links).toEqual(['https://x.dev/a']);
  });
});

describe('Document events', () => {
  it('records a publication at version 1', () => {
    const d = Document.published({ ...state, version: 1 }, at);
    expect(d.pullEvents()).toEqual([{ type: 'DocumentPublished', id: 7, slugs: ['docs-p-7'], version: 1, at }]);
    expect(d.pullEvents()).toEqual([]);
  });

  it('a revision that changes the content bumps the version and records it', () => {
    const d = Document.restore(state);
    expect(d.revise({ ...state, body: 'new text' }, at)).toBe(true);
    expect(d.version).toBe(4);
    expect(d.content.body).toBe('new text');
    expect(d.pullEvents()).toEqual([{ type: 'DocumentRevised', id: 7, slugs: ['docs-p-7'], version: 4, at }]);
  });

  it('a revision with the same content is no revision', () => {
    const d = Document.restore(state);
    expect(d.revise({ ...state, headings: [{ level: 1, text: 'Seven' }] }, at)).toBe(false);
    expect(d.version).toBe(3);
    expect(d.pullEvents()).toEqual([]);
  });

  it('a new slug is a revision that names the old and the new slug', () => {
    const d = Document.restore(state);
    expect(d.revise(state, at, Slug.parse('seven'))).toBe(true);
    expect(d.slug.value).toBe('seven');
    expect(d.pullEvents()[0]).toMatchObject({ type: 'DocumentRevised', slugs: ['docs-p-7', 'seven'], version: 4 });
  });

  it('a refused revision leaves the document as it was', () => {
    const d = Document.restore(state);
    expect(() => d.revise({ ...state, status: 700 }, at)).toThrow(DomainError);
    expect(d.toState()).toEqual(state);
    expect(d.pullEvents()).toEqual([]);
  });

  it('a deletion raises the floor one past the last version, and ends the document', () => {
    const d = Document.restore(state);
    d.delete(at);
    const [event] = d.pullEvents();
    expect(event).toEqual({ type: 'DocumentDeleted', id: 7, slugs: ['docs-p-7'], version: 4, at });
    expect(changeOf(event!)).toEqual({ id: 7, slugs: ['docs-p-7'], version: 4 });
    expect(d.deleted).toBe(true);
    expect(() => d.revise({ ...state, body: 'x' }, at)).toThrow(expect.objectContaining({ code: 'document.deleted' }));
    expect(() => d.delete(at)).toThrow(expect.objectContaining({ code: 'document.deleted' }));
  });
});
