import { createReadStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** What an earlier run left in its output: the URLs done, and their links (the frontier to pick up from). */
export interface ResumeState {
  readonly done: Set<string>;
  readonly frontier: Set<string>;
}

/**
 * Reads an NDJSON output file line by line (never whole) for `--resume`. A last line without its newline, left by
 * a crash or kill -9, is cut off so that appended lines start on a line of their own; the page is fetched again.
 */
export async function readResumeState(path: string): Promise<ResumeState> {
  const done = new Set<string>();
  const frontier = new Set<string>();
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { done, frontier };
  }
  let goodBytes = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    const bytes = Buffer.byteLength(line) + 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      break;
    }
    if (goodBytes + bytes > size) break; // complete JSON but no trailing newline: still a torn line
    goodBytes += bytes;
    if (typeof record !== 'object' || record === null) continue;
    const { url, links, requestedUrl } = record as { url?: unknown; links?: unknown; requestedUrl?: unknown };
    if (typeof url === 'string') done.add(url);
    if (typeof requestedUrl === 'string') done.add(requestedUrl);
    if (Array.isArray(links)) for (const link of links) if (typeof link === 'string') frontier.add(link);
  }
  lines.close();
  if (goodBytes < size) await truncate(path, goodBytes);
  // The crawler compares by normalised URL, so a link spelt differently from a done page is still skipped there.
  for (const url of done) frontier.delete(url);
  return { done, frontier };
}
