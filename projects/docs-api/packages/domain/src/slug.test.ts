import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { Slug } from './slug.js';
import { Url } from './url.js';

describe('Slug.fromUrl', () => {
  it.each([
    ['https://x.dev/docs/p/12', 'docs-p-12'],
    ['https://x.dev/Docs/Guide/intro.html', 'docs-guide-intro-html'],
    ['https://x.dev/docs/p/155/', 'docs-p-155'],
    ['https://x.dev/', 'index'],
    ['https://x.dev/a%20b?x=1#frag', 'a-20b'],
    ['https://x.dev/---/', 'index'],
  ])('%s → %s', (url, slug) => {
    expect(Slug.fromUrl(url).value).toBe(slug);
    expect(Slug.fromUrl(Url.parse(url)).value).toBe(slug);
  });

  it('stops a derived slug at 120 characters without a trailing dash', () => {
    const slug = Slug.fromUrl(`https://x.dev/${'a'.repeat(119)}/b`).value;
    expect(slug).toBe('a'.repeat(119));
  });
});

describe('Slug.disambiguated', () => {
  it('appends the first 8 hex characters of the digest it is given', () => {
    expect(Slug.disambiguated('https://a.dev/docs/p/1', '3fa9c1d2deadbeef').value).toBe('docs-p-1-3fa9c1d2');
  });

  it.each([['xyz12345'], ['3FA9C1D2'], ['abc']])('refuses the digest %s', (digest) => {
    expect(() => Slug.disambiguated('https://a.dev/x', digest)).toThrow(DomainError);
  });
});

describe('Slug.parse', () => {
  it.each([['docs-p-1'], ['a'], ['x'.repeat(200)], ['v2-api']])('takes %s', (text) => {
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

  it('compares by value', () => {
    expect(Slug.parse('a-b').equals(Slug.fromUrl('https://x.dev/a/b'))).toBe(true);
    expect(Slug.parse('a-b').equals(Slug.parse('a-c'))).toBe(false);
  });
});
