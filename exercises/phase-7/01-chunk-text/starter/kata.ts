export interface Chunk {
  index: number;
  heading: string | null;
  text: string;
  wordCount: number;
}

export interface ChunkOptions {
  maxWords: number;
  overlapWords: number;
}

export function chunkMarkdown(markdown: string, options: ChunkOptions): Chunk[] {
  // Naive: fixed-size character slices, ignoring words, headings and overlap.
  const size = options.maxWords * 6;
  const chunks: Chunk[] = [];
  for (let i = 0; i < markdown.length; i += size) {
    const text = markdown.slice(i, i + size);
    chunks.push({ index: chunks.length, heading: null, text, wordCount: text.split(/\s+/).length });
  }
  return chunks;
}
