import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes one JSON value per line to a stream, respecting backpressure: when `write()` returns false the caller
 * waits for 'drain', so a fast crawl into a slow disk or pipe holds at most one buffer's worth in memory. Each
 * line goes out in a single `write()`, so the output always ends on a complete line once `end()` resolves.
 */
export class NdjsonWriter {
  #lines = 0;
  /** One wait shared by every concurrent writer, rather than a 'drain' listener each. */
  #drain: Promise<void> | undefined;

  constructor(private readonly stream: Writable) {}

  /** Lines written so far. */
  get lines(): number {
    return this.#lines;
  }

  /** Writes `value` as one line; resolves when the stream can take more. */
  async write(value: unknown): Promise<void> {
    const ok = this.stream.write(`${JSON.stringify(value)}\n`);
    this.#lines++;
    if (!ok) {
      this.#drain ??= once(this.stream, 'drain').then(() => {
        this.#drain = undefined;
      });
      await this.#drain;
    }
  }

  /** Flushes and closes the stream (stdout is flushed but never closed). */
  async end(): Promise<void> {
    const stream = this.stream;
    if (stream === (process.stdout as Writable)) {
      if (stream.writableNeedDrain) await once(stream, 'drain');
      return;
    }
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
}
