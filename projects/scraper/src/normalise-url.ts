/**
 * The URL as a crawler should request it: absolute, http(s) only, without fragment or credentials. Returns null
 * for what must not be fetched (mailto:, javascript:, unparsable hrefs). Trailing slashes are kept, because
 * `/docs/` and `/docs` can be different resources and relative links resolve differently against them.
 */
export function fetchableUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * The dedup key of a URL: `fetchableUrl` plus no trailing slash (except the root) and a sorted query, so
 * `/a/`, `/a#x` and `/a` count as one page and `?b=2&a=1` equals `?a=1&b=2`.
 */
export function normaliseUrl(href: string, base?: string): string | null {
  const fetchable = fetchableUrl(href, base);
  if (fetchable === null) return null;
  const url = new URL(fetchable);
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  url.searchParams.sort();
  // searchParams.sort() leaves a bare "?" when the query was empty.
  if (url.search === '?') url.search = '';
  return url.href;
}
