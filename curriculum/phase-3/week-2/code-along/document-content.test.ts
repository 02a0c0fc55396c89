import { describe, expect, it } from 'vitest';
import { checkContent, frozenContent, sameContent, type DocumentContent } from './document-content.js';

const content: DocumentContent = { title: 'Fetch', headings: [{ level: 2, text: 'Usage' }], body: 'The fetch API.', links: [], status: 200 };

describe('checkContent', () => {
  it.each([[0], [200], [599]])('takes the status %i (0 is the scraper network error)', (status) => {
    expect(() => checkContent({ ...content, status })).not.toThrow();
  });

  it.each([
    [{ status: 600 }, 'status.range'],
    [{ status: -1 }, 'status.range'],
    [{ status: 200.5 }, 'status.range'],
    [{ headings: [{ level: 7, text: 'x' }] }, 'heading.level'],
    [{ headings: [{ level: 0, text: 'x' }] }, 'heading.level'],
    [{ title: 'a\0b' }, 'title.nul'],
    [{ body: 'a\0b' }, 'body.nul'],
    [{ body: 'x'.repeat(1_000_001) }, 'body.length'],
  ])('refuses %j (%s)', (change, code) => {
    expect(() => checkContent({ ...content, ...change })).toThrow(expect.objectContaining({ code }));
  });
});

describe('sameContent', () => {
  it('compares field by field, not by reference', () => {
    expect(sameContent(content, { ...content, headings: [{ level: 2, text: 'Usage' }] })).toBe(true);
  });

  it.each([
    ['a heading level', { headings: [{ level: 3, text: 'Usage' }] }],
    ['a link', { links: ['https://x.dev/'] }],
    ['the status', { status: 404 }],
    ['the body', { body: 'Changed.' }],
  ])('sees a change of %s', (_what, change) => {
    expect(sameContent(content, { ...content, ...change })).toBe(false);
  });
});

describe('frozenContent', () => {
  it('is a copy nobody can change', () => {
    const links = ['https://x.dev/a'];
    const kept = frozenContent({ ...content, links });
    links.push('https://x.dev/b');
    expect(kept.links).toEqual(['https://x.dev/a']);
    expect(() => (kept.links as string[]).push('https://x.dev/c')).toThrow(TypeError);
  });
});
