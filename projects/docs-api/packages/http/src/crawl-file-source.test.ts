import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCrawlSource } from './crawl-file-source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docs-api-crawl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileCrawlSource', () => {
  it.each([
    ['empty', '', 0, []],
    ['two lines, newline at the end', 'a\nb\n', 2, ['a', 'b']],
    ['two lines, none at the end', 'a\nb', 2, ['a', 'b']],
    ['CRLF line breaks', 'a\r\nb\r\n', 2, ['a', 'b']],
    ['a blank line', 'a\n\nb\n', 3, ['a', '', 'b']],
  ])('%s: the SHA-256 of the bytes, lines as readline reads them', async (name, text, count, lines) => {
    const file = join(dir, `${name}.ndjson`);
    await writeFile(file, text);
    const source = new FileCrawlSource();
    expect(await source.fingerprint(file)).toEqual({ sha256: createHash('sha256').update(text).digest('hex'), lines: count });
    const read: string[] = [];
    for await (const line of source.lines(file)) read.push(line);
    expect(read).toEqual(lines);
  });

  it('names a file it cannot read', async () => {
    await expect(new FileCrawlSource().fingerprint(join(dir, 'missing'))).rejects.toThrow(`Cannot read "${join(dir, 'missing')}"`);
  });
});
