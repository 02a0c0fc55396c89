import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `text` to `file` through a temp file beside it and a rename, so a reader (or a crash) sees the old file
 * or the new one, never half of one. Throws the write's error, leaving no temp file behind.
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
