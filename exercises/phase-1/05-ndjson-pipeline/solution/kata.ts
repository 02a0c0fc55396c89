import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Yields one parsed JSON value per non-blank line of the byte/text chunks. */
export async function* parseNdjson(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<unknown, void, undefined> {
  // stream: true keeps an incomplete multi-byte sequence for the next chunk instead of emitting U+FFFD.
  const decoder = new TextDecoder('utf-8');
  let pending = ''; // text after the last newline seen so far
  let lineNumber = 0;

  function* parseLines(text: string, final: boolean): Generator<unknown> {
    const lines = text.split('\n');
    // Without the final flush, the last piece may be a half line: keep it for the next chunk.
    pending = final ? '' : (lines.pop() ?? '');
    for (const raw of lines) {
      lineNumber++;
      const line = raw.trim(); // also removes the '\r' of '\r\n'
      if (line === '') continue;
      try {
        yield JSON.parse(line);
      } catch (cause) {
        throw new Error(`Invalid JSON on line ${lineNumber}`, { cause });
      }
    }
  }

  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parseLines(pending + text, false);
  }
  // End of input: flush the decoder and parse the last line even without a trailing newline.
  yield* parseLines(pending + decoder.decode(), true);
}

/** Streams NDJSON bytes from `source` into the object-mode `sink`. */
export async function importNdjson(source: Readable, sink: Writable): Promise<void> {
  // pipeline handles backpressure, waits for the sink's 'finish', and on any error destroys
  // every stream in the chain (closing file descriptors) before rejecting.
  await pipeline(source, parseNdjson, sink);
}
