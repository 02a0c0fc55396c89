import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes one JSON value per line to a stream, respecting backpressure: when `write()` returns false the caller
 * waits for 'drain', so a fast crawl into a slow disk or pipe holds at most one buffer's worth in memory. Each
 * line goes out in a single `write()`, so the output always ends on a complete line once `end()` resolves.
 * A stream error (a full disk, a closed pipe) is kept, handed to `onError` once, and makes every later write
 * throw it: the crawl stops instead of crawling on into nowhere, and nothing crashes on an unhandled 'error'.
 */
export class NdjsonWriter {
  #lines = 0;
  /** One wait shared by every concurrent writer, rather than a 'drain' listener each. */
  #drain: Promise<void> | undefined;
  #error: Error | undefined;

  constructor(
    private readonly stream: Writable,
    onError?: (error: Error) => void,
  ) {
    stream.on('error', (error: Error) => {
      if (this.#error) return;
      this.#error = error;
      onError?.(error);
    });
  }

  /** Lines written so far. */
  get lines(): number {
    return this.#lines;
  }

  /** The stream's error, once it failed. */
  get error(): Error | undefined {
    return this.#error;
  }

  /** Writes `value` as one line; resolves when the stream can take more. */
  async write(value: unknown): Promise<void> {
    if (this.#error) throw this.#error;
    const ok = this.stream.write(`${JSON.stringify(value)}\n`);
    this.#lines++;
    if (!ok) {
      this.#drain ??= once(this.stream, 'drain').then(
        () => {
          this.#drain = undefined;
        },
        (error: unknown) => {
          this.#drain = undefined;
          throw error;
        },
      );
      await this.#drain;
    }
  }

  /** Flushes and closes the stream (stdout is flushed but never closed); resolves at once after a stream error. */
  async end(): Promise<void> {
    const stream = this.stream;
    if (this.#error) return;
    if (stream === (process.stdout as Writable)) {
      if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), once(stream, 'close')]).catch(() => {});
      return;
    }
    await new Promise<void>((resolve) => {
      // A failure while flushing is kept in #error (the listener above) and reported by the caller.
      stream.once('error', () => resolve());
      stream.end(() => resolve());
    });
  }
}
