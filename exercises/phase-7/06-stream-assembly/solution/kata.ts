export interface StreamOptions {
  signal?: AbortSignal;
  onToken?: (token: string) => void;
}

export interface StreamResult {
  text: string;
  done: boolean;
  aborted: boolean;
}

interface Line {
  response?: string;
  done?: boolean;
  error?: string;
}

const ABORTED = Symbol('aborted');

/** Resolves with ABORTED as soon as the signal fires, whatever `promise` is doing. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort); // no listener left behind per chunk
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export async function assembleStream(source: AsyncIterable<Uint8Array>, options: StreamOptions = {}): Promise<StreamResult> {
  const { signal, onToken } = options;
  let text = '';
  if (signal?.aborted) return { text, done: false, aborted: true };

  const iterator = source[Symbol.asyncIterator]();
  // Fire-and-forget: a source stuck inside next() may never settle return(); we must not wait for it.
  const close = () => void Promise.resolve(iterator.return?.()).catch(() => {});

  // One decoder for the whole stream: { stream: true } keeps a split multi-byte character for the next chunk.
  const decoder = new TextDecoder();
  let buffer = '';

  /** Returns true when the model said done. */
  const handleLine = (line: string): boolean => {
    if (line.trim() === '') return false;
    let msg: Line;
    try {
      msg = JSON.parse(line) as Line;
    } catch {
      throw new Error(`invalid JSON line in stream: ${line.slice(0, 80)}`);
    }
    if (msg.error) throw new Error(msg.error);
    if (msg.response) {
      text += msg.response;
      onToken?.(msg.response);
    }
    return msg.done === true;
  };

  try {
    for (;;) {
      // for-await can't be interrupted while waiting, so we drive the iterator by hand and race the signal.
      const next = await raceAbort(iterator.next(), signal);
      if (next === ABORTED) {
        close();
        return { text, done: false, aborted: true };
      }
      if (next.done) break;

      buffer += decoder.decode(next.value, { stream: true });
      // Parse only complete lines; the remainder (a partial line) waits for more bytes.
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (handleLine(line)) {
          close(); // stop the producer (with fetch: cancel the body, Ollama stops generating)
          return { text, done: true, aborted: false };
        }
      }
    }
  } catch (error) {
    close();
    throw error;
  }

  // Source ended: flush the decoder and handle a last line that had no trailing newline.
  buffer += decoder.decode();
  const done = handleLine(buffer);
  return { text, done, aborted: false };
}
