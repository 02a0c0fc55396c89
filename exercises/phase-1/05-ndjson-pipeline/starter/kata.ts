import type { Readable, Writable } from 'node:stream';

/** Yields one parsed JSON value per non-blank line of the byte/text chunks. */
export async function* parseNdjson(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<unknown, void, undefined> {
  // TODO: a chunk is not a line, and not even whole characters.
  for await (const chunk of chunks) {
    for (const line of chunk.toString().split('\n')) {
      if (line) yield JSON.parse(line);
    }
  }
}

/** Streams NDJSON bytes from `source` into the object-mode `sink`. */
export async function importNdjson(source: Readable, sink: Writable): Promise<void> {
  // TODO: .pipe() does not forward errors or destroy the other stream, and nothing waits for the end.
  source.pipe(sink);
}
