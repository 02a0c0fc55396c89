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

/** The result of fetching robots.txt: a status, and the body when there is one. */
export interface RobotsResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Builds the policy of one origin from its robots.txt response, following RFC 9309: a 4xx means "no rules"
 * (allow everything), a 5xx or a network failure (status 0) means "assume complete disallow", because the
 * site may be overloaded and we cannot know what it forbids.
 */
export function robotsPolicy(robotsUrl: string, response: RobotsResponse, userAgent: string): RobotsPolicy {
  if (response.status >= 400 && response.status < 500) return { isAllowed: () => true, crawlDelayMs: 0 };
  if (response.status < 200 || response.status >= 300) return { isAllowed: () => false, crawlDelayMs: 0 };
  const rules = robotsParser(robotsUrl, response.body);
  const delay = rules.getCrawlDelay(userAgent);
  return {
    // robots-parser answers undefined for URLs of another origin; those are not this policy's to allow.
    isAllowed: (url) => rules.isAllowed(url, userAgent) === true,
    crawlDelayMs: delay === undefined ? 0 : delay * 1000,
  };
}
