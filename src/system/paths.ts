import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from './env.js';

export interface Paths {
  /** Where the learner's store lives ($ROADMAP_HOME, else $XDG_DATA_HOME/roadmap, else ~/.local/share/roadmap). */
  readonly home: string;
  readonly storeFile: string;
  /** The installed package: curriculum/, exercises/, flashcards/ are read from here. */
  readonly packageRoot: string;
  /** The learner's code and notes, unless the profile names another folder. */
  readonly defaultWorkspace: string;
}

/**
 * The package root: the nearest folder above this module whose package.json is roadmap's. Found by walking up,
 * because this code runs from src/ (tests), from the dist/ bundle or from one of its chunks.
 */
export function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'roadmap') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`roadmap's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export function resolvePaths(env: Env, packageRoot = findPackageRoot()): Paths {
  const userHome = env.HOME ?? homedir();
  const home = resolve(env.ROADMAP_HOME || (env.XDG_DATA_HOME ? join(env.XDG_DATA_HOME, 'roadmap') : join(userHome, '.local', 'share', 'roadmap')));
  return {
    home,
    storeFile: join(home, 'roadmap.db'),
    packageRoot,
    defaultWorkspace: join(userHome, 'roadmap-work'),
  };
}

/** `~/roadmap-work` instead of `/home/ana/roadmap-work`, for messages. */
export function tildify(path: string, env: Env): string {
  const home = env.HOME;
  return home && (path === home || path.startsWith(home + '/')) ? '~' + path.slice(home.length) : path;
}
