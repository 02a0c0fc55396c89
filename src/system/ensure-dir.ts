import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that fails instead of spinning. Node's recursive `mkdirSync` loops forever when mkdir(2) answers
 * ENOENT although the parent exists, as it does under /proc and /sys (`ROADMAP_HOME=/proc/nope roadmap today`
 * hung at full CPU), so each missing level is created on its own and the first error is thrown as it is.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ; ) {
    try {
      if (statSync(d).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a folder, mkdir '${d}'`), { code: 'ENOTDIR', path: d });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (error) {
      // Another process made it in between: only a folder counts.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw error;
    }
  }
}
