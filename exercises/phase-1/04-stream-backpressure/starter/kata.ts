import type { Writable } from 'node:stream';

/**
 * Writes every chunk of `source` to `stream`, respecting backpressure, then ends the stream and
 * resolves once all data is flushed. Rejects if the stream fails.
 */
export async function writeAll(
  stream: Writable,
  source: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
): Promise<void> {
  // TODO: this ignores write()'s return value and does not wait for 'finish' or errors.
  for await (const chunk of source) {
    stream.write(chunk);
  }
  stream.end();
}
