// Step 1 — newline-delimited JSON (application/x-ndjson), the format Ollama streams.
// Network chunks do not respect line boundaries, and a UTF-8 character can be
// split across two chunks: buffer text and only parse complete lines.

/** Turns a web ReadableStream (fetch's response.body) into an async iterable of chunks. */
export async function* readChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // The consumer stopped early (break, throw, abort): cancel so the socket is released.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

/** Yields one parsed JSON value per non-empty line. */
export async function* parseNdjson(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of chunks) {
    // stream: true keeps an incomplete multi-byte character for the next call.
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as unknown;
      newline = buffer.indexOf('\n');
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) yield JSON.parse(buffer) as unknown;
}
