/** What identifies a crawl file's content: the SHA-256 of its bytes (hex) and its number of lines. */
export interface CrawlFingerprint {
  readonly sha256: string;
  readonly lines: number;
}

/**
 * Where crawl files are read from (the http app fills it with the local file system). Both methods read the
 * file as a stream, never whole; both throw when it cannot be read.
 */
export interface CrawlSource {
  fingerprint(file: string): Promise<CrawlFingerprint>;
  /** The file's lines, without their line breaks. */
  lines(file: string): AsyncIterable<string>;
}
