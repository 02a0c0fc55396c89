import type { DocumentChange, Heading } from '../domain/index.js';
import { ValueRejectedError, type DocumentInput, type DocumentRepository, type UpsertOutcome } from './ports/document-repository.port.js';

export interface ImportSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Line numbers (1-based) of the lines that are not a scraper record. */
  readonly skippedLines: readonly number[];
  /** Line numbers of records the store refused to hold. */
  readonly rejectedLines: readonly number[];
}

export interface ImportOptions {
  /** Documents per transaction. @default 500 */
  readonly batchSize?: number;
  /** Called after each batch commits with the documents it changed (the CLI invalidates the cache with it). */
  readonly onChanges?: (changes: readonly DocumentChange[]) => Promise<void>;
}

function isHeading(value: unknown): value is Heading {
  const h = value as Heading;
  return typeof h === 'object' && h !== null && Number.isInteger(h.level) && typeof h.text === 'string';
}

/** A scraper record (one NDJSON line) as a document to upsert, or null when the line is not one. */
export function parseRecord(line: string): DocumentInput | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { url, status, title, headings, text, links } = value as Record<string, unknown>;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url) || !URL.canParse(url)) return null;
  if (!Number.isInteger(status) || typeof title !== 'string' || typeof text !== 'string') return null;
  if (!Array.isArray(headings) || !headings.every(isHeading)) return null;
  if (!Array.isArray(links) || !links.every((l) => typeof l === 'string')) return null;
  return { url, title, headings, body: text, links, status: status as number };
}

/**
 * The "import a crawl" use case: NDJSON lines in, upserts by URL in batched transactions out. It takes the
 * lines as an AsyncIterable, so it never opens a file (the CLI does, with node:readline), and it knows a refused
 * value by the port's ValueRejectedError, never by a SQLSTATE code: a refused batch is written again one record
 * at a time, so only the offending record is skipped.
 */
export async function importCrawl(lines: AsyncIterable<string>, repository: DocumentRepository, options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 500;
  const totals = { inserted: 0, updated: 0, unchanged: 0 };
  const skippedLines: number[] = [];
  const rejectedLines: number[] = [];
  let batch = new Map<string, { record: DocumentInput; line: number }>();

  const add = async (outcome: UpsertOutcome): Promise<void> => {
    totals.inserted += outcome.inserted;
    totals.updated += outcome.updated;
    totals.unchanged += outcome.unchanged;
    if (outcome.changes.length > 0) await options.onChanges?.(outcome.changes);
  };

  const flush = async (): Promise<void> => {
    const entries = [...batch.values()];
    batch = new Map();
    if (entries.length === 0) return;
    try {
      return await add(await repository.upsertBatch(entries.map((e) => e.record)));
    } catch (error) {
      if (!(error instanceof ValueRejectedError)) throw error;
    }
    for (const entry of entries) {
      try {
        await add(await repository.upsertBatch([entry.record]));
      } catch (error) {
        if (!(error instanceof ValueRejectedError)) throw error;
        rejectedLines.push(entry.line);
      }
    }
  };

  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const record = parseRecord(line);
    if (record === null) {
      skippedLines.push(lineNumber);
      continue;
    }
    // One statement cannot upsert the same URL twice: a repeat starts a new batch.
    if (batch.has(record.url)) await flush();
    batch.set(record.url, { record, line: lineNumber });
    if (batch.size >= batchSize) await flush();
  }
  await flush();
  return { ...totals, skippedLines, rejectedLines };
}
