import { describe, expect, it } from 'vitest';
import { disambiguatedSlug, slugFromUrl } from './slug.js';

describe('slugFromUrl', () => {
  it.each([
    ['https://x.dev/docs/p/12', 'docs-p-12'],
    ['https://x.dev/Docs/Guide/intro.html', 'docs-guide-intro-html'],
    ['https://x.dev/docs/p/155/', 'docs-p-155'],
    ['https://x.dev/', 'index'],
    ['https://x.dev/a%20b?x=1#frag', 'a-20b'],
  ])('%s → %s', (url, slug) => {
    expect(slugFromUrl(url)).toBe(slug);
  });

  it('disambiguates with a stable hash of the URL', () => {
    const a = disambiguatedSlug('https://a.dev/docs/p/1');
    expect(a).toMatch(/^docs-p-1-[0-9a-f]{8}$/);
    expect(disambiguatedSlug('https://a.dev/docs/p/1')).toBe(a);
    expect(disambiguatedSlug('https://b.dev/docs/p/1')).not.toBe(a);
  });
});
