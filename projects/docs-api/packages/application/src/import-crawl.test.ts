import type { DocumentChange } from '@docs-api/domain';
import { describe, expect, it } from 'vitest';
import { formatImportSummary, importCrawl, parseRecord, type ImportSummary } from './import-crawl.js';
import { ValueRejectedError, type DocumentInput, type DocumentRepository, type UpsertOutcome } from './ports/document-repository.port.js';

// The importer against a repository that records every batch it is given: how lines become records, how they are
// batched, what a refusal costs, and the one-line summary. The Postgres adapter's upsert is tested in http's
// cli.test.ts against the real database.

const record = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  url: 'https://x.dev/docs/a',
  status: 200,
  title: 'A',
  headings: [{ level: 1, text: 'A' }],
  text: 'the text',
  links: ['https://x.dev/docs/b'],
  ...fields,
});
const line = (fields: Record<string, unknown> = {}): string => JSON.stringify(record(fields));

async function* lines(...l: string[]): AsyncGenerator<string> {
  yield* l;
}

/** Upserts into a map by URL; a URL in `refuse` makes its whole batch throw ValueRejectedError. */
class RecordingRepository implements Pick<DocumentRepository, 'upsertBatch'> {
  readonly batches: string[][] = [];
  readonly stored = new Map<string, DocumentInput>();
  readonly refuse = new Set<string>();
  failWith: Error | undefined;

  async upsertBatch(inputs: readonly DocumentInput[]): Promise<UpsertOutcome> {
    this.batches.push(inputs.map((i) => i.url));
    if (this.failWith) throw this.failWith;
    if (inputs.some((i) => this.refuse.has(i.url))) throw new ValueRejectedError('value out of range');
    const outcome = { inserted: 0, updated: 0, unchanged: 0, changes: [] as DocumentChange[] };
    for (const input of inputs) {
      const old = this.stored.get(input.url);
      if (old === undefined) outcome.inserted++;
      else if (old.title === input.title) outcome.unchanged++;
      else outcome.updated++;
      if (old === undefined || old.title !== input.title) outcome.changes.push({ id: this.stored.size + 1, slugs: [input.url], version: 1 });
      this.stored.set(input.url, input);
    }
    return outcome;
  }
}
const asRepository = (r: RecordingRepository): DocumentRepository => r as unknown as DocumentRepository;

describe('parseRecord', () => {
  it('turns a scraper record into a document input: text becomes the body, nothing cleaned', () => {
    expect(parseRecord(line())).toEqual({
      record: { url: 'https://x.dev/docs/a', title: 'A', headings: [{ level: 1, text: 'A' }], body: 'the text', links: ['https://x.dev/docs/b'], status: 200 },
      cleaned: false,
    });
  });

  it('keeps only the fields of a document: extra ones are dropped', () => {
    expect(parseRecord(line({ depth: 3, headings: [{ level: 2, text: 'B', id: 'b' }] }))?.record).toEqual(
      expect.objectContaining({ headings: [{ level: 2, text: 'B' }] }),
    );
    expect(parseRecord(line({ depth: 3 }))?.record).not.toHaveProperty('depth');
  });

  it.each([
    ['not JSON', '{oops'],
    ['JSON null', 'null'],
    ['a JSON array', JSON.stringify([record()])],
    ['a JSON string', '"https://x.dev/"'],
    ['no url', line({ url: undefined })],
    ['a url that is not a string', line({ url: 42 })],
    ['a url that is not http(s)', line({ url: 'ftp://x.dev/a' })],
    ['a url with http:// in the middle', line({ url: 'see http://x.dev/a' })],
    ['a url holding a NUL', line({ url: 'https://x.dev/a\u0000b' })],
    ['a url that does not parse', line({ url: 'http://[bad/' })],
    ['a url that parses but does not start with http(s)', line({ url: 'ftp://x.dev/?next=http://y.dev/' })],
    ['a status that is not an integer', line({ status: 200.5 })],
    ['a status that is a string', line({ status: '200' })],
    ['a title that is not a string', line({ title: 1 })],
    ['a text that is not a string', line({ text: null })],
    ['headings that are not an array', line({ headings: 'h1' })],
    ['a heading that is null', line({ headings: [null] })],
    ['a heading that is a string', line({ headings: ['A'] })],
    ['a heading without an integer level', line({ headings: [{ level: 1.5, text: 'A' }] })],
    ['a heading whose text is not a string', line({ headings: [{ level: 1, text: 1 }] })],
    ['a second heading that is malformed', line({ headings: [{ level: 1, text: 'A' }, { level: 2 }] })],
    ['links that are not an array', line({ links: 'https://x.dev/' })],
    ['a link that is not a string', line({ links: ['https://x.dev/', 7] })],
  ])('is null for %s', (_name, text) => {
    expect(parseRecord(text)).toBeNull();
  });

  it.each([
    ['http://', 'http://x.dev/a'],
    ['https://', 'https://x.dev/a'],
  ])('accepts a %s url', (_name, url) => {
    expect(parseRecord(line({ url }))?.record.url).toBe(url);
  });

  it('accepts status 0 (the scraper network error), no headings and no links', () => {
    expect(parseRecord(line({ status: 0, headings: [], links: [] }))?.record).toMatchObject({ status: 0, headings: [], links: [] });
  });

  it.each([
    ['title', { title: 'a\u0000b' }, { title: 'a\uFFFDb' }],
    ['heading text', { headings: [{ level: 1, text: '\u0000h\u0000' }] }, { headings: [{ level: 1, text: '\uFFFDh\uFFFD' }] }],
    ['text', { text: 'x\u0000\u0000y' }, { body: 'x\uFFFD\uFFFDy' }],
    ['links', { links: ['https://x.dev/ok', 'https://x.dev/\u0000'] }, { links: ['https://x.dev/ok', 'https://x.dev/\uFFFD'] }],
  ])('replaces every NUL in the %s by U+FFFD and says it cleaned the record', (_name, fields, expected) => {
    const parsed = parseRecord(line(fields));
    expect(parsed?.cleaned).toBe(true);
    expect(parsed?.record).toMatchObject(expected);
  });
});

describe('importCrawl', () => {
  it('upserts by URL in batches of batchSize, and reports inserted, updated and unchanged', async () => {
    const repository = new RecordingRepository();
    const urls = ['https://x.dev/1', 'https://x.dev/2', 'https://x.dev/3', 'https://x.dev/4', 'https://x.dev/5'];
    const first = await importCrawl(lines(...urls.map((url) => line({ url }))), asRepository(repository), { batchSize: 2 });
    expect(repository.batches).toEqual([urls.slice(0, 2), urls.slice(2, 4), urls.slice(4)]);
    expect(first).toEqual({ inserted: 5, updated: 0, unchanged: 0, skipped: 0, skippedLines: [], rejectedLines: [], cleanedLines: [] });
    const again = await importCrawl(lines(line({ url: urls[0] }), line({ url: urls[1], title: 'Changed' })), asRepository(repository));
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, skipped: 0 });
  });

  it('writes 500 documents per batch by default', async () => {
    const repository = new RecordingRepository();
    const many = Array.from({ length: 501 }, (_, i) => line({ url: `https://x.dev/${i}` }));
    await importCrawl(lines(...many), asRepository(repository));
    expect(repository.batches.map((b) => b.length)).toEqual([500, 1]);
  });

  it('starts a new batch when a URL repeats, so the later line wins', async () => {
    const repository = new RecordingRepository();
    const summary = await importCrawl(
      lines(line({ url: 'https://x.dev/a' }), line({ url: 'https://x.dev/b' }), line({ url: 'https://x.dev/a', title: 'Second' })),
      asRepository(repository),
    );
    expect(repository.batches).toEqual([['https://x.dev/a', 'https://x.dev/b'], ['https://x.dev/a']]);
    expect(repository.stored.get('https://x.dev/a')?.title).toBe('Second');
    expect(summary).toMatchObject({ inserted: 2, updated: 1 });
  });

  it('ignores blank lines but counts them, so skipped line numbers are the file lines', async () => {
    const repository = new RecordingRepository();
    const summary = await importCrawl(lines('', '   ', line(), 'not json', '\t', line({ url: 5 })), asRepository(repository));
    expect(summary).toMatchObject({ inserted: 1, skipped: 2, skippedLines: [4, 6] });
  });

  it('writes nothing for a file with no record', async () => {
    const repository = new RecordingRepository();
    expect(await importCrawl(lines('', 'nope'), asRepository(repository))).toMatchObject({ inserted: 0, skippedLines: [2] });
    expect(repository.batches).toEqual([]);
  });

  it('writes a refused batch again one record at a time: only the refused lines are lost, in line order', async () => {
    const repository = new RecordingRepository();
    repository.refuse.add('https://x.dev/3').add('https://x.dev/1');
    const urls = ['https://x.dev/1', 'https://x.dev/2', 'https://x.dev/3', 'https://x.dev/4'];
    const summary = await importCrawl(lines(...urls.map((url) => line({ url }))), asRepository(repository), { batchSize: 4 });
    expect(repository.batches).toEqual([urls, ...urls.map((u) => [u])]);
    expect(summary).toEqual({ inserted: 2, updated: 0, unchanged: 0, skipped: 2, skippedLines: [], rejectedLines: [1, 3], cleanedLines: [] });
  });

  it('sorts the refused lines across batches and counts them with the malformed ones', async () => {
    const repository = new RecordingRepository();
    repository.refuse.add('https://x.dev/late').add('https://x.dev/early');
    const summary = await importCrawl(
      lines(line({ url: 'https://x.dev/early' }), 'bad', line({ url: 'https://x.dev/late' }), line({ url: 'https://x.dev/ok' })),
      asRepository(repository),
      { batchSize: 1 },
    );
    expect(summary).toMatchObject({ inserted: 1, skipped: 3, skippedLines: [2], rejectedLines: [1, 3] });
  });

  it('reports a cleaned record as cleaned, and as refused only when the store still refused it', async () => {
    const repository = new RecordingRepository();
    repository.refuse.add('https://x.dev/2');
    const summary = await importCrawl(
      lines(line({ url: 'https://x.dev/1', title: 'a\u0000' }), line({ url: 'https://x.dev/2', title: 'b\u0000' }), line({ url: 'https://x.dev/3' })),
      asRepository(repository),
    );
    expect(summary).toMatchObject({ inserted: 2, cleanedLines: [1], rejectedLines: [2] });
  });

  it('rethrows what is not a refused value (a store that is down), from the batch and from the retry', async () => {
    const repository = new RecordingRepository();
    repository.failWith = new Error('connection refused');
    await expect(importCrawl(lines(line()), asRepository(repository))).rejects.toThrow('connection refused');

    // The batch is refused, then the store goes down during the one-by-one retry.
    const flaky = new RecordingRepository();
    flaky.refuse.add('https://x.dev/a');
    const original = flaky.upsertBatch.bind(flaky);
    flaky.upsertBatch = async (inputs) => {
      if (flaky.batches.length === 1) flaky.failWith = new Error('connection lost');
      return original(inputs);
    };
    await expect(importCrawl(lines(line({ url: 'https://x.dev/a' }), line({ url: 'https://x.dev/b' })), asRepository(flaky))).rejects.toThrow('connection lost');
  });

  it('does not retry a batch that failed for another reason than a refused value', async () => {
    const repository = new RecordingRepository();
    let calls = 0;
    const original = repository.upsertBatch.bind(repository);
    // Down for the first call only: a retry one record at a time would succeed and hide the outage.
    repository.upsertBatch = async (inputs) => (++calls === 1 ? Promise.reject(new Error('connection reset')) : original(inputs));
    await expect(importCrawl(lines(line()), asRepository(repository))).rejects.toThrow('connection reset');
    expect(calls).toBe(1);
  });

  it('hands each batch changes to onChanges after it commits, and never an empty list', async () => {
    const repository = new RecordingRepository();
    const seen: DocumentChange[][] = [];
    const onChanges = async (changes: DocumentChange[]): Promise<void> => void seen.push(changes);
    await importCrawl(lines(line({ url: 'https://x.dev/1' }), line({ url: 'https://x.dev/2' })), asRepository(repository), { batchSize: 1, onChanges });
    expect(seen.map((c) => c.map((x) => x.slugs[0]))).toEqual([['https://x.dev/1'], ['https://x.dev/2']]);
    seen.length = 0;
    await importCrawl(lines(line({ url: 'https://x.dev/1' })), asRepository(repository), { onChanges });
    expect(seen).toEqual([]);
  });

  it('reports progress after each committed batch up to its last record, then every line read', async () => {
    const repository = new RecordingRepository();
    const progress: number[] = [];
    const onProgress = async (done: number): Promise<void> => void progress.push(done);
    const urls = [1, 2, 3, 4, 5].map((n) => line({ url: `https://x.dev/${n}` }));
    // Lines 1–2, a malformed line 3, lines 4–5 and 6, a blank 7 and a malformed 8 after the last record.
    await importCrawl(lines(urls[0]!, urls[1]!, 'bad', urls[2]!, urls[3]!, urls[4]!, '', 'bad'), asRepository(repository), { batchSize: 2, onProgress });
    expect(progress).toEqual([2, 5, 6, 8]);
  });

  it('reports progress after a refused batch was written again one record at a time', async () => {
    const repository = new RecordingRepository();
    repository.refuse.add('https://x.dev/2');
    const progress: number[] = [];
    await importCrawl(lines(line({ url: 'https://x.dev/1' }), line({ url: 'https://x.dev/2' }), line({ url: 'https://x.dev/3' })), asRepository(repository), {
      batchSize: 2,
      onProgress: async (done) => void progress.push(done),
    });
    expect(repository.batches).toEqual([['https://x.dev/1', 'https://x.dev/2'], ['https://x.dev/1'], ['https://x.dev/2'], ['https://x.dev/3']]);
    expect(progress).toEqual([2, 3, 3]);
  });
});

describe('formatImportSummary', () => {
  const summary = (s: Partial<ImportSummary> = {}): ImportSummary => ({
    inserted: 3,
    updated: 2,
    unchanged: 1,
    skipped: 0,
    skippedLines: [],
    rejectedLines: [],
    cleanedLines: [],
    ...s,
  });

  it.each([
    ['nothing skipped or cleaned', summary(), 'imported f.ndjson: 3 inserted, 2 updated, 1 unchanged, 0 skipped'],
    [
      'one malformed line',
      summary({ skipped: 1, skippedLines: [7] }),
      'imported f.ndjson: 3 inserted, 2 updated, 1 unchanged, 1 skipped (malformed line 7)',
    ],
    [
      'malformed and refused lines',
      summary({ skipped: 3, skippedLines: [2, 5], rejectedLines: [9] }),
      'imported f.ndjson: 3 inserted, 2 updated, 1 unchanged, 3 skipped (malformed lines 2, 5; refused by Postgres: line 9)',
    ],
    [
      'refused lines only',
      summary({ skipped: 2, rejectedLines: [4, 8] }),
      'imported f.ndjson: 3 inserted, 2 updated, 1 unchanged, 2 skipped (refused by Postgres: lines 4, 8)',
    ],
    [
      'cleaned lines',
      summary({ cleanedLines: [1] }),
      'imported f.ndjson: 3 inserted, 2 updated, 1 unchanged, 0 skipped, 1 cleaned (NUL replaced by U+FFFD: line 1)',
    ],
    [
      'exactly ten lines: all listed',
      summary({ skipped: 10, skippedLines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }),
      'imported f.ndjson: 3 inserted, 2 updated, 1 unchanged, 10 skipped (malformed lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)',
    ],
    [
      'more than ten lines: the first ten and an ellipsis',
      summary({ cleanedLines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }),
      'imported f.ndjson: 3 inserted, 2 updated, 1 unchanged, 0 skipped, 11 cleaned (NUL replaced by U+FFFD: lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …)',
    ],
  ])('%s', (_name, s, expected) => {
    expect(formatImportSummary('f.ndjson', s)).toBe(expected);
  });
});
