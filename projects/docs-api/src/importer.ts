import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Heading } from './database.js';
import type { DocumentChange, DocumentInput, DocumentRepository } from './document-repository.js';

export interface ImportSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  /** Line numbers (1-based) of the malformed lines, in order. */
  readonly skippedLines: number[];
}

export interface ImportOptions {
  /** Documents per transaction. @default 500 */
  readonly batchSize?: number;
  /** Called after each batch commits with the documents it changed (the CLI invalidates the cache with it). */
  readonly onChanges?: (changes: DocumentChange[]) => Promise<void>;
}

function isHeading(value: unknown): value is Heading {
  const h = value as Heading;
  return typeof h === 'object' && h !== null && Number.isInteger(h.level) && typeof h.text === 'string';
}

/** A scraper record as a document to upsert, or null when the line is not one (wrong shape, not an http(s) URL). */
export function parseRecord(line: string): DocumentInput | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { url, status, title, headings, text, links } = value;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url) || !URL.canParse(url)) return null;
  if (!Number.isInteger(status) || typeof title !== 'string' || typeof text !== 'string') return null;
  if (!Array.isArray(headings) || !headings.every(isHeading)) return null;
  if (!Array.isArray(links) || !links.every((l) => typeof l === 'string')) return null;
  return {
    url,
    title,
    headings: headings.map((h) => ({ level: h.level, text: h.text })),
    body: text,
    links,
    status: status as number,
  };
}

/**
 * Streams an NDJSON crawl (one line at a time, never the whole file) into the documents table, upserting by URL in
 * batched transactions: a re-import of the same file changes nothing, a changed page gets version + 1. Malformed
 * lines are skipped and their numbers reported; blank lines are ignored.
 */
export async function importNdjson(input: Readable, repository: DocumentRepository, options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 500;
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  const skippedLines: number[] = [];
  let batch = new Map<string, DocumentInput>();

  const flush = async (): Promise<void> => {
    if (batch.size === 0) return;
    const outcome = await repository.upsertBatch([...batch.values()]);
    batch = new Map();
    inserted += outcome.inserted;
    updated += outcome.updated;
    unchanged += outcome.unchanged;
    if (outcome.changes.length > 0) await options.onChanges?.(outcome.changes);
  };

  const lines = createInterface({ input, crlfDelay: Infinity });
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
    batch.set(record.url, record);
    if (batch.size >= batchSize) await flush();
  }
  await flush();
  return { inserted, updated, unchanged, skipped: skippedLines.length, skippedLines };
}

/** The one-line summary the CLI prints. */
export function formatImportSummary(file: string, s: ImportSummary): string {
  const lines = s.skippedLines.slice(0, 10).join(', ') + (s.skippedLines.length > 10 ? ', …' : '');
  return `imported ${file}: ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.skipped} skipped${
    s.skipped > 0 ? ` (malformed line${s.skipped === 1 ? '' : 's'} ${lines})` : ''
  }`;
}
