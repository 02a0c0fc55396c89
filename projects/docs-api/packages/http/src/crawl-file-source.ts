import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CrawlFingerprint, CrawlSource } from '@docs-api/application';

const NEWLINE = 0x0a;

/** Opens a file for reading, with an error that names it when it cannot be. */
async function open(file: string): Promise<ReturnType<typeof createReadStream>> {
  const input = createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(new Error(`Cannot read "${file}": ${error.message}`, { cause: error })));
  });
  return input;
}

/**
 * The CrawlSource port on the local file system: crawl files are paths the enqueuer and the workers share (one
 * machine, or one mounted volume). Both reads stream the file.
 */
export class FileCrawlSource implements CrawlSource {
  /** SHA-256 of the bytes; lines as readline counts them (a last line without a newline counts). */
  async fingerprint(file: string): Promise<CrawlFingerprint> {
    const input = await open(file);
    const hash = createHash('sha256');
    let lines = 0;
    let last = NEWLINE;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
      last = chunk[chunk.length - 1]!;
    }
    if (last !== NEWLINE) lines++;
    return { sha256: hash.digest('hex'), lines };
  }

  async *lines(file: string): AsyncGenerator<string> {
    yield* createInterface({ input: await open(file), crlfDelay: Infinity });
  }
}
