/**
 * What a correct crawl of the fixture site does, computed from the site map (never hard-coded): the pages reachable
 * from the start page without passing robots.txt's `Disallow`, and how often each must be requested. Used by the
 * scraper's own tests and by `roadmap verify phase-1`, which holds any scraper (the learner's or ours) to it.
 *
 * Deliberately independent of the crawler's code: the fixture's hrefs come in few shapes (`/docs/p/5`,
 * `/docs/p/5/`, `/docs/p/5#section-1`, external and `mailto:` links), so the normalisation is spelled out here.
 */
import { describeFixtureSite } from './fixture-site.js';

export interface ExpectedCrawl {
  /** Every reachable `/docs/p/<i>` path, redirects included (their target is reachable too). */
  readonly pages: ReadonlySet<string>;
  /** Reachable pages that serve HTML (not redirects): each must appear once in the output. */
  readonly htmlPages: ReadonlySet<string>;
  /** Reachable non-HTML resources (PDF, JSON): fetched once, never written. */
  readonly files: ReadonlySet<string>;
  /** Reachable pages that answer 500 once, then 200: requested exactly twice. */
  readonly flaky: ReadonlySet<string>;
  /** Reachable pages that answer 404. */
  readonly missing: ReadonlySet<string>;
  readonly redirects: ReadonlySet<string>;
}

const DISALLOWED = '/docs/private/';

/** The site path an href of the fixture points to, or null for other hosts and schemes. */
function sitePath(href: string): string | null {
  if (!href.startsWith('/')) return null;
  const path = href.replace(/#.*$/, '');
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Walks the site map from `start` the way a robots-respecting, deduplicating crawler must. */
export function expectedCrawl(pages: number, seed: number, start = '/docs/p/0'): ExpectedCrawl {
  const site = describeFixtureSite(pages, seed);
  const reached = new Set<string>();
  const files = new Set<string>();
  const visit = [start];
  while (visit.length > 0) {
    const path = visit.pop()!;
    if (path.startsWith(DISALLOWED)) continue;
    if (path.startsWith('/docs/files/') || path.startsWith('/docs/api/')) {
      files.add(path);
      continue;
    }
    if (reached.has(path)) continue;
    const page = site[Number(path.split('/').pop())];
    if (!page) continue;
    reached.add(path);
    for (const href of page.redirectTo ? [page.redirectTo] : page.hrefs) {
      const next = sitePath(href);
      if (next) visit.push(next);
    }
  }
  const kinds = (kind: string): Set<string> => new Set(site.filter((p) => p.kind === kind && reached.has(p.path)).map((p) => p.path));
  const redirects = kinds('redirect');
  return {
    pages: reached,
    htmlPages: new Set([...reached].filter((p) => !redirects.has(p))),
    files,
    flaky: kinds('flaky'),
    missing: kinds('missing'),
    redirects,
  };
}

/** Request counts per page, whichever spelling (`/docs/p/5` or `/docs/p/5/`) the crawler met first. */
export function fetchesByPage(byPath: ReadonlyMap<string, number>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [path, n] of byPath) {
    const page = path.length > 1 ? path.replace(/\/+$/, '') : path;
    counts.set(page, (counts.get(page) ?? 0) + n);
  }
  return counts;
}

/** How many times a correct crawler requests `path`: flaky pages twice (500, then the retry), the rest once. */
export function expectedFetchCount(expected: ExpectedCrawl, path: string): number {
  return expected.flaky.has(path) ? 2 : 1;
}
