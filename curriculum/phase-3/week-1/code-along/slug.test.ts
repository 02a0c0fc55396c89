import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Slug } from './slug.js';
import { Title } from './title.js';
import { Url } from './url.js';

// The test may hash; the domain may not (it takes the digest as a parameter).
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

describe('Slug.parse', () => {
  it.each([['docs-p-1'], ['a'], ['v2-api'], ['x'.repeat(200)]])('takes %s', (text) => {
    expect(Slug.parse(text).value).toBe(text);
  });

  it.each([
    ['', 'slug.length'],
    ['x'.repeat(201), 'slug.length'],
    ['Docs', 'slug.format'],
    ['a--b', 'slug.format'],
    ['-a', 'slug.format'],
    ['a b', 'slug.format'],
  ])('refuses %j (%s)', (text, code) => {
    expect(() => Slug.parse(text)).toThrow(expect.objectContaining({ code }));
  });
});

describe('Slug.fromUrl, moved from src/slug.ts', () => {
  // The table of the monolith's slug.test.ts, plus two edges: it must give the same slugs as before the move.
  it.each([
    ['https://x.dev/docs/p/12', 'docs-p-12'],
    ['https://x.dev/Docs/Guide/intro.html', 'docs-guide-intro-html'],
    ['https://x.dev/docs/p/155/', 'docs-p-155'],
    ['https://x.dev/', 'index'],
    ['https://x.dev/a%20b?x=1#frag', 'a-20b'],
    ['https://x.dev/---/', 'index'],
    [`https://x.dev/${'a'.repeat(119)}/b`, 'a'.repeat(119)],
  ])('%s gives %s', (url, slug) => {
    expect(Slug.fromUrl(Url.parse(url)).value).toBe(slug);
  });

  it('gives a slug that Slug.parse takes', () => {
    const derived = Slug.fromUrl(Url.parse('https://x.dev/Docs/Guide/intro.html'));
    expect(Slug.parse(derived.value).equals(derived)).toBe(true);
  });
});

describe('Slug.disambiguated', () => {
  it('is the default slug plus the first 8 hex characters of the digest, as disambiguatedSlug was', () => {
    const url = 'https://a.dev/docs/p/1';
    expect(Slug.disambiguated(Url.parse(url), sha1(url)).value).toBe(`docs-p-1-${sha1(url).slice(0, 8)}`);
  });

  it('differs for the same path on another host', () => {
    const a = Slug.disambiguated(Url.parse('https://a.dev/docs/p/1'), sha1('https://a.dev/docs/p/1'));
    const b = Slug.disambiguated(Url.parse('https://b.dev/docs/p/1'), sha1('https://b.dev/docs/p/1'));
    expect(a.equals(b)).toBe(false);
  });

  it.each([['xyz12345'], ['3FA9C1D2'], ['abc']])('refuses the digest %s', (digest) => {
    expect(() => Slug.disambiguated(Url.parse('https://a.dev/x'), digest)).toThrow(expect.objectContaining({ code: 'slug.digest' }));
  });
});

describe('Slug types', () => {
  it('derives a slug from a Url only, not from any object with a value', () => {
    // @ts-expect-error a Title is not a Url: the #private field makes the two classes different types
    expect(() => Slug.fromUrl(Title.parse('not a url'))).toThrow(TypeError);
  });
});

describe('Slug equality', () => {
  it('compares by value, however the slug was made', () => {
    expect(Slug.parse('a-b').equals(Slug.fromUrl(Url.parse('https://x.dev/a/b')))).toBe(true);
    expect(Slug.parse('a-b').equals(Slug.parse('a-c'))).toBe(false);
    expect(`/documents/by-slug/${Slug.parse('a-b')}`).toBe('/documents/by-slug/a-b');
  });
});
