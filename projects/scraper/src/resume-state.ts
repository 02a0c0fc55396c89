import { createReadStream } from 'node:fs';
import { appendFile, stat, truncate } from 'node:fs/promises';

/** What an earlier run left in its output: the URLs done, and their links (the frontier to pick up from). */
export interface ResumeState {
  readonly done: Set<string>;
  readonly frontier: Set<string>;
  /** Records read. */
  readonly records: number;
  /** 1-based numbers of complete lines that are not a record (not JSON, or no `url`): left in the file, ignored. */
  readonly unreadableLines: number[];
  /** The last line, cut off because a crash left it without its end (its page is fetched again). */
  readonly tornLine?: { readonly line: number; readonly bytes: number };
  /** The last line was a whole record without its newline, which was added so appended lines start afresh. */
  readonly newlineAdded: boolean;
}

interface Line {
  readonly number: number;
  readonly text: string;
  /** Whether a newline ended it (false only for the file's last line). */
  readonly ended: boolean;
  /** Byte offset of its first byte. */
  readonly offset: number;
}

/** The lines of a file, one in memory at a time, with their byte offsets (readline hides a missing last newline). */
async function* linesOf(path: string): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingOffset = 0;
  let offset = 0;
  let number = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      const text = Buffer.concat([...pending, chunk.subarray(start, nl)]).toString('utf8');
      yield { number: ++number, text, ended: true, offset: pendingOffset };
      pending = [];
      pendingOffset = offset + nl + 1;
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
    offset += chunk.length;
  }
  if (pending.length > 0) yield { number: ++number, text: Buffer.concat(pending).toString('utf8'), ended: false, offset: pendingOffset };
}

function asRecord(text: string): { url: string; requestedUrl?: unknown; links?: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { url?: unknown }).url !== 'string') return null;
  return value as { url: string };
}

/**
 * Reads an NDJSON output file line by line (never whole) for `--resume`. Every record is kept, wherever it is:
 * blank lines are skipped and a line that is not a record is left where it is and reported, because what
 * follows it is still good. Only a last line without its newline that does not parse (a crash or kill -9 in the
 * middle of a write) is cut off, so that appended lines start on a line of their own; its page is fetched again.
 * A last line that is a whole record but lost its newline keeps its record and gets the newline.
 */
export async function readResumeState(path: string): Promise<ResumeState> {
  const done = new Set<string>();
  const frontier = new Set<string>();
  const unreadableLines: number[] = [];
  let records = 0;
  let tornLine: ResumeState['tornLine'];
  let newlineAdded = false;
  try {
    await stat(path);
  } catch {
    return { done, frontier, records, unreadableLines, newlineAdded };
  }
  for await (const line of linesOf(path)) {
    if (line.text.trim() === '') {
      // Whitespace after the last newline: nothing to keep, and appended lines must not start after it.
      if (!line.ended) await truncate(path, line.offset);
      continue;
    }
    const record = asRecord(line.text);
    if (record === null) {
      if (line.ended) unreadableLines.push(line.number);
      else tornLine = { line: line.number, bytes: Buffer.byteLength(line.text) };
      if (!line.ended) await truncate(path, line.offset);
      continue;
    }
    records++;
    done.add(record.url);
    if (typeof record.requestedUrl === 'string') done.add(record.requestedUrl);
    if (Array.isArray(record.links)) for (const link of record.links) if (typeof link === 'string') frontier.add(link);
    if (!line.ended) {
      await appendFile(path, '\n');
      newlineAdded = true;
    }
  }
  // The crawler compares by normalised URL, so a link spelt differently from a done page is still skipped there.
  for (const url of done) frontier.delete(url);
  return { done, frontier, records, unreadableLines, ...(tornLine ? { tornLine } : {}), newlineAdded };
}
