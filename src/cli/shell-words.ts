/**
 * Splits a command line into words as a POSIX shell does, without expanding anything: blanks separate words,
 * a backslash quotes the next character, '…' is literal, and inside "…" a backslash quotes only $ ` " \ and a
 * newline. So `$EDITOR="code --wait"` is `code` with `--wait`, as git and gh read it. Returns null for an
 * unterminated quote or a trailing backslash, which a shell would also refuse.
 */
export function shellWords(line: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null; // null between words; '' is a real (quoted) empty word
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return null;
      // Backslash-newline is a line continuation: it disappears.
      if (line[i + 1] !== '\n') word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= line.length) return null;
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== '\n') text += line[i + 1];
          i += 2;
        } else {
          text += d;
          i++;
        }
      }
      word = (word ?? '') + text;
      i++;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
