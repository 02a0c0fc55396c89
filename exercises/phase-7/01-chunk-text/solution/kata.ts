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

interface Section {
  heading: string | null;
  lines: string[];
}

const HEADING = /^#{1,6}\s+(.*)$/;
const FENCE = /^```/;

function splitSections(markdown: string): Section[] {
  const sections: Section[] = [{ heading: null, lines: [] }];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    const match = inFence ? null : HEADING.exec(line);
    if (match) {
      sections.push({ heading: (match[1] ?? '').trim(), lines: [] });
    } else {
      (sections[sections.length - 1] as Section).lines.push(line);
    }
  }
  return sections;
}

export function chunkMarkdown(markdown: string, options: ChunkOptions): Chunk[] {
  const { maxWords, overlapWords } = options;
  if (!Number.isInteger(maxWords) || maxWords < 1) throw new RangeError('maxWords must be an integer >= 1');
  // overlap >= maxWords would make `start` stand still (or go backwards): an infinite loop.
  if (!Number.isInteger(overlapWords) || overlapWords < 0 || overlapWords >= maxWords) {
    throw new RangeError('overlapWords must be an integer with 0 <= overlapWords < maxWords');
  }

  const chunks: Chunk[] = [];
  for (const section of splitSections(markdown)) {
    // Working on words (not characters) makes a mid-word cut impossible by construction.
    const words = section.lines.join('\n').split(/\s+/).filter(Boolean);
    const n = words.length;
    let start = 0;
    while (start < n) {
      const end = Math.min(start + maxWords, n);
      const window = words.slice(start, end);
      chunks.push({ index: chunks.length, heading: section.heading, text: window.join(' '), wordCount: window.length });
      if (end === n) break; // the last window reached the end: no overlap-only tail chunk
      start = end - overlapWords;
    }
  }
  return chunks;
}
