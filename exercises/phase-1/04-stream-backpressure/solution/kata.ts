import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Writes every chunk of `source` to `stream`, respecting backpressure, then ends the stream and
 * resolves once all data is flushed. Rejects if the stream fails.
 */
export async function writeAll(
  stream: Writable,
  source: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
): Promise<void> {
  // for await accepts sync and async iterables; it pulls the next chunk only when the body is done,
  // so waiting for 'drain' inside the body also pauses the source.
  for await (const chunk of source) {
    if (stream.destroyed) {
      // Writes to a destroyed stream return false but 'drain' never comes: fail instead of hanging.
      throw stream.errored ?? new Error('stream was destroyed before all data was written');
    }
    if (!stream.write(chunk)) {
      // once() rejects if 'error' is emitted before 'drain'.
      await once(stream, 'drain');
    }
  }
  stream.end();
  // end() returns immediately; 'finish' means every chunk was handed to the underlying resource.
  await finished(stream);
}
