import type { PageRecord } from './crawler.js';

/** U+FFFD, what HTML parsers themselves put in place of a NUL they meet (WHATWG HTML, "unexpected-null-character"). */
export const NUL_REPLACEMENT = '\uFFFD';

/** `text` with every U+0000 replaced by U+FFFD. */
export function replaceNul(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', NUL_REPLACEMENT) : text;
}

/**
 * The record with no NUL in any text field. A page may carry NUL bytes (binary junk, a broken encoding), and what
 * reads our output usually cannot hold them: Postgres `text` and `jsonb` reject U+0000. URLs never hold one
 * (the URL parser percent-encodes it), so only title, headings, text and error are cleaned.
 */
export function replaceNulInRecord(record: PageRecord): PageRecord {
  const { title, headings, text, error } = record;
  const dirty = title.includes('\0') || text.includes('\0') || (error?.includes('\0') ?? false) || headings.some((h) => h.text.includes('\0'));
  if (!dirty) return record;
  return {
    ...record,
    title: replaceNul(title),
    headings: headings.map((h) => ({ level: h.level, text: replaceNul(h.text) })),
    text: replaceNul(text),
    ...(error === undefined ? {} : { error: replaceNul(error) }),
  };
}
