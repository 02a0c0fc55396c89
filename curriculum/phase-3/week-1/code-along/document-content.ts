/** A heading as the scraper extracts it: `<h1>`-`<h6>` and its text. */
export interface Heading {
  readonly level: number;
  readonly text: string;
}

/**
 * What one revision of a document says: everything but its identity (id, url, slug) and its history (version).
 * These are the five columns the import compares before it bumps a version.
 */
export interface DocumentContent {
  readonly title: string;
  readonly headings: readonly Heading[];
  readonly body: string;
  readonly links: readonly string[];
  /** The HTTP status the page was fetched with; 0 is the scraper's network error. */
  readonly status: number;
}
