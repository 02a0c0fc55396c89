export interface StreamOptions {
  signal?: AbortSignal;
  onToken?: (token: string) => void;
}

export interface StreamResult {
  text: string;
  done: boolean;
  aborted: boolean;
}

export async function assembleStream(source: AsyncIterable<Uint8Array>, options: StreamOptions = {}): Promise<StreamResult> {
  // Naive: decodes each chunk on its own, assumes every chunk holds whole lines, cannot be cancelled while waiting.
  let text = '';
  for await (const chunk of source) {
    for (const line of new TextDecoder().decode(chunk).split('\n')) {
      if (!line.trim()) continue;
      const msg = JSON.parse(line) as { response?: string; done?: boolean };
      if (msg.response) {
        text += msg.response;
        options.onToken?.(msg.response);
      }
      if (msg.done) return { text, done: true, aborted: false };
    }
  }
  return { text, done: false, aborted: false };
}
