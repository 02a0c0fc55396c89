// Step 1 — chunking. Retrieval works on chunks, not whole documents: small enough
// to be specific, big enough to carry context. Offsets point back into the source
// so an answer's citation can be shown to the user.

export interface Chunk {
  index: number;
  text: string;
  start: number; // character offset in the original text (inclusive)
  end: number; // character offset (exclusive)
  heading?: string; // nearest Markdown heading, useful metadata and context
}

export interface ChunkOptions {
  maxWords?: number;
  overlapWords?: number;
}

/** Sliding word window: `maxWords` per chunk, consecutive chunks share `overlapWords`. */
export function chunkText(text: string, { maxWords = 120, overlapWords = 20 }: ChunkOptions = {}): Chunk[] {
  if (maxWords < 1 || overlapWords < 0 || overlapWords >= maxWords) {
    throw new RangeError('need maxWords >= 1 and 0 <= overlapWords < maxWords');
  }
  const words = [...text.matchAll(/\S+/g)];
  const chunks: Chunk[] = [];
  const step = maxWords - overlapWords;
  for (let i = 0; i < words.length; i += step) {
    const window = words.slice(i, i + maxWords);
    const first = window[0];
    const last = window[window.length - 1];
    if (!first || !last) break;
    const start = first.index;
    const end = last.index + last[0].length;
    chunks.push({ index: chunks.length, text: text.slice(start, end), start, end });
    if (i + maxWords >= words.length) break; // the last window already reached the end
  }
  return chunks;
}

/**
 * Structure-aware chunking: split at Markdown headings first, then window each
 * section. A chunk never mixes two sections, and it remembers its heading.
 */
export function chunkMarkdown(markdown: string, opts: ChunkOptions = {}): Chunk[] {
  const headings = [...markdown.matchAll(/^#{1,6}[ \t]+(.+)$/gm)];
  const sections: Array<{ heading?: string; start: number; end: number }> = [];
  let cursor = 0;
  let heading: string | undefined;
  for (const h of headings) {
    const at = h.index ?? 0;
    sections.push({ heading, start: cursor, end: at });
    heading = h[1]?.trim();
    cursor = at + h[0].length; // the heading line itself goes into metadata, not the body
  }
  sections.push({ heading, start: cursor, end: markdown.length });

  const out: Chunk[] = [];
  for (const s of sections) {
    for (const c of chunkText(markdown.slice(s.start, s.end), opts)) {
      out.push({ index: out.length, text: c.text, start: s.start + c.start, end: s.start + c.end, heading: s.heading });
    }
  }
  return out;
}
