import { createHash } from 'node:crypto';

/**
 * The slug a URL gets by default: its path, lower-cased, every run of characters other than a–z and 0–9 turned
 * into one dash (`https://x.dev/Docs/Guide/intro.html` → `docs-guide-intro-html`); the site root is `index`.
 */
export function slugFromUrl(url: string): string {
  const { pathname } = new URL(url);
  const slug = pathname
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
  return slug === '' ? 'index' : slug;
}

/**
 * The slug to use when `slugFromUrl(url)` is taken by another URL (same path on another host, or `/a-b` vs
 * `/a/b`): the same slug with 8 hex characters of the URL's SHA-1, so the choice is deterministic across imports.
 */
export function disambiguatedSlug(url: string): string {
  return `${slugFromUrl(url)}-${createHash('sha1').update(url).digest('hex').slice(0, 8)}`;
}
