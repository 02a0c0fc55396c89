import type { DocumentChange, Heading } from '@docs-api/domain';
import { ValueRejectedError, type DocumentInput, type DocumentRepository, type UpsertOutcome } from './ports/document-repository.port.js';

export interface ImportSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Lines not imported: malformed ones and those Postgres refused. */
  readonly skipped: number;
  /** Line numbers (1-based) of the malformed lines, in order. */
  readonly skippedLines: number[];
  /** Line numbers of well-formed records Postgres refused to store (a value it cannot hold), in order. */
  readonly rejectedLines: number[];
  /** Line numbers of records imported with their NUL characters replaced by U+FFFD, in order. */
  readonly cleanedLines: number[];
}

export interface ImportOptions {
  /** Documents per transaction. @default 500 */
  readonly batchSize?: number;
  /** Called after each batch commits with the documents it changed (the CLI invalidates the cache with it). */
  readonly onChanges?: (changes: DocumentChange[]) => Promise<void>;
  /**
   * Called after each batch commits with the number of lines read up to its last record, and once at the end
   * with every line read (a queue worker reports it as the job's progress).
   */
  readonly onProgress?: (linesDone: number) => Promise<void>;
}

/** U+FFFD, what a NUL becomes: Postgres `text` and `jsonb` cannot hold U+0000 at all. */
const NUL_REPLACEMENT = '\uFFFD';

function isHeading(value: unknown): value is Heading {
  const h = value as Heading;
  return typeof h === 'object' && h !== null && Number.isInteger(h.level) && typeof h.text === 'string';
}

/** A record's text as Postgres can store it, and whether anything had to change. */
function withoutNul(text: string, cleaned: { value: boolean }): string {
  if (!text.includes('\0')) return text;
  cleaned.value = true;
  return text.replaceAll('\0', NUL_REPLACEMENT);
}

/**
 * A scraper record as a document to upsert, or null when the line is not one (wrong shape, not an http(s) URL, a
 * URL holding a NUL). NUL characters in the title, headings, text and links are replaced by U+FFFD (`cleaned`
 * says so), because Postgres cannot store them and the rest of the page is worth keeping.
 */
export function parseRecord(line: string): { record: DocumentInput; cleaned: boolean } | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { url, status, title, headings, text, links } = value;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url) || url.includes('\0') || !URL.canParse(url)) return null;
  if (!Number.isInteger(status) || typeof title !== 'string' || typeof text !== 'string') return null;
  if (!Array.isArray(headings) || !headings.every(isHeading)) return null;
  if (!Array.isArray(links) || !links.every((l) => typeof l === 'string')) return null;
  const cleaned = { value: false };
  const record: DocumentInput = {
    url,
    title: withoutNul(title, cleaned),
    headings: headings.map((h) => ({ level: h.level, text: withoutNul(h.text, cleaned) })),
    body: withoutNul(text, cleaned),
    links: links.map((l) => withoutNul(l, cleaned)),
    status: status as number,
  };
  return { record, cleaned: cleaned.value };
}

function isDataError(error: unknown): boolean {
  return error instanceof ValueRejectedError;
}

/**
 * Imports an NDJSON crawl, given as its lines (read one at a time, never the whole file), into the repository, upserting by URL in
 * batched transactions: a re-import of the same file changes nothing, a changed page gets version + 1. Malformed
 * lines are skipped and their numbers reported; blank lines are ignored. A batch Postgres refuses for a value it
 * cannot hold (ValueRejectedError) is written again one record at a time, so only the offending records are skipped (and reported),
 * and the import goes on.
 */
export async function importCrawl(lines: AsyncIterable<string>, repository: DocumentRepository, options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 500;
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  const skippedLines: number[] = [];
  const rejectedLines: number[] = [];
  const cleanedLines: number[] = [];
  /** By URL: the record and its line number. */
  let batch = new Map<string, { record: DocumentInput; line: number }>();

  const add = async (outcome: UpsertOutcome): Promise<void> => {
    inserted += outcome.inserted;
    updated += outcome.updated;
    unchanged += outcome.unchanged;
    if (outcome.changes.length > 0) await options.onChanges?.(outcome.changes);
  };

  const flush = async (): Promise<void> => {
    if (batch.size === 0) return;
    const entries = [...batch.values()];
    batch = new Map();
    try {
      await add(await repository.upsertBatch(entries.map((e) => e.record)));
    } catch (error) {
      if (!isDataError(error)) throw error;
      await writeOneByOne(entries);
    }
    await options.onProgress?.(entries.at(-1)!.line);
  };

  // The batch rolled back as a whole: find the records Postgres refuses, one transaction each.
  const writeOneByOne = async (entries: { record: DocumentInput; line: number }[]): Promise<void> => {
    for (const entry of entries) {
      try {
        await add(await repository.upsertBatch([entry.record]));
      } catch (error) {
        if (!isDataError(error)) throw error;
        rejectedLines.push(entry.line);
      }
    }
    rejectedLines.sort((a, b) => a - b);
  };

  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const parsed = parseRecord(line);
    if (parsed === null) {
      skippedLines.push(lineNumber);
      continue;
    }
    if (parsed.cleaned) cleanedLines.push(lineNumber);
    // One statement cannot upsert the same URL twice: a repeat starts a new batch.
    if (batch.has(parsed.record.url)) await flush();
    batch.set(parsed.record.url, { record: parsed.record, line: lineNumber });
    if (batch.size >= batchSize) await flush();
  }
  await flush();
  await options.onProgress?.(lineNumber);
  // A cleaned record that Postgres still refused was not imported: it is reported as rejected only.
  const rejected = new Set(rejectedLines);
  return {
    inserted,
    updated,
    unchanged,
    skipped: skippedLines.length + rejectedLines.length,
    skippedLines,
    rejectedLines,
    cleanedLines: cleanedLines.filter((n) => !rejected.has(n)),
  };
}

function lineList(numbers: readonly number[]): string {
  return `line${numbers.length === 1 ? '' : 's'} ${numbers.slice(0, 10).join(', ')}${numbers.length > 10 ? ', …' : ''}`;
}

/** The one-line summary the CLI prints. */
export function formatImportSummary(file: string, s: ImportSummary): string {
  const why = [
    ...(s.skippedLines.length > 0 ? [`malformed ${lineList(s.skippedLines)}`] : []),
    ...(s.rejectedLines.length > 0 ? [`refused by Postgres: ${lineList(s.rejectedLines)}`] : []),
  ];
  const cleaned = s.cleanedLines.length;
  return (
    `imported ${file}: ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.skipped} skipped` +
    (why.length > 0 ? ` (${why.join('; ')})` : '') +
    (cleaned > 0 ? `, ${cleaned} cleaned (NUL replaced by U+FFFD: ${lineList(s.cleanedLines)})` : '')
  );
}
