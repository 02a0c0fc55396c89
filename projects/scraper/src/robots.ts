import robotsParserModule from 'robots-parser';

// robots-parser is CommonJS (`module.exports = fn`) but its types declare an ES default export; under NodeNext
// TypeScript therefore types the import as the namespace. At runtime the default import is the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** What the crawler needs to know about one origin's robots.txt. */
export interface RobotsPolicy {
  isAllowed(url: string): boolean;
  /** Crawl-delay in milliseconds, 0 when the site sets none. */
  readonly crawlDelayMs: number;
}

/** RFC 9309 §2.5: a crawler must parse at least the first 500 KiB of a robots.txt; this is the part we read. */
export const ROBOTS_PARSE_LIMIT_BYTES = 500 * 1024;

/** The result of fetching robots.txt (after its redirects): the last status, and the body when there is one. */
export interface RobotsResponse {
  readonly status: number;
  readonly body: string;
  /** The answer was still a redirect after the five the crawler follows. */
  readonly tooManyRedirects?: boolean;
  /** Why there was no answer (status 0): the network error or the missed deadline. */
  readonly error?: string;
}

/** Whether the response leaves the file "unreachable" (RFC 9309 §2.3.1.4), which means: crawl nothing. */
export function isRobotsUnreachable(response: RobotsResponse): boolean {
  if (response.tooManyRedirects) return false;
  return !(response.status >= 200 && response.status < 300) && !(response.status >= 400 && response.status < 500);
}

const ALLOW_ALL: RobotsPolicy = { isAllowed: () => true, crawlDelayMs: 0 };
const DISALLOW_ALL: RobotsPolicy = { isAllowed: () => false, crawlDelayMs: 0 };

/**
 * Builds the policy of one origin from its robots.txt response, following RFC 9309 §2.3.1:
 * - 2xx: the rules apply (to this origin, even when redirects led to another host);
 * - 4xx ("unavailable", 429 included, as the RFC words it): no rules, everything allowed;
 * - more than five consecutive redirects: the RFC lets a crawler treat the file as unavailable, so allowed;
 * - anything else ("unreachable": 5xx after retries, a network failure or timeout as status 0, a redirect
 *   without a usable Location): complete disallow, because the site may be overloaded and we cannot know what
 *   it forbids.
 */
export function robotsPolicy(robotsUrl: string, response: RobotsResponse, userAgent: string): RobotsPolicy {
  if (isRobotsUnreachable(response)) return DISALLOW_ALL;
  if (response.tooManyRedirects || response.status >= 400) return ALLOW_ALL;
  const rules = robotsParser(robotsUrl, response.body);
  const delay = rules.getCrawlDelay(userAgent);
  return {
    // robots-parser answers undefined for URLs of another origin; those are not this policy's to allow.
    isAllowed: (url) => rules.isAllowed(url, userAgent) === true,
    crawlDelayMs: delay === undefined ? 0 : delay * 1000,
  };
}
