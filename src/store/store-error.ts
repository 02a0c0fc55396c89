import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { RoadmapError } from '../errors.js';

/**
 * What went wrong with the store, as far as the learner's fix is concerned: each problem has one fix, said in
 * `storeError` below and nowhere else.
 */
export type StoreProblem =
  /** The disk is full: free space (nothing already answered is lost). */
  | 'full'
  /** The folder or file cannot be created or written: ROADMAP_HOME. */
  | 'unwritable'
  /** The file is not a database or a page is damaged: `roadmap doctor` and a backup. */
  | 'damaged'
  /** Another roadmap holds the write lock longer than the busy timeout. */
  | 'busy'
  /** The disk itself failed a read or write. */
  | 'io'
  /** The store has migrations this roadmap does not know: it was written by a newer version. */
  | 'newer'
  /** An older roadmap stopped in the middle of a migration and left part of it behind. */
  | 'interrupted-migration'
  | 'other';

/** The store could not be opened, migrated or written; the message is one line that says what to do. */
export class StoreError extends RoadmapError {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    readonly problem: StoreProblem,
    options?: ErrorOptions,
  ) {
    super(message, 'user', options);
  }
}

/** How long a command waits for another roadmap's write (a drill, the workbench) before it gives up. @default 5000 */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * The one map from SQLite result codes (better-sqlite3's `code`, extended codes included: SQLITE_IOERR_WRITE,
 * SQLITE_CANTOPEN_ISDIR...) and errno codes (mkdir, copies) to what the learner should do about them.
 */
export function problemOf(code: string): StoreProblem {
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
  switch (primary) {
    case 'SQLITE_FULL':
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return 'damaged';
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOTDIR':
    case 'ENOENT':
    case 'EEXIST':
    case 'EISDIR':
    case 'ELOOP':
    case 'ENAMETOOLONG':
      return 'unwritable';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'busy';
    case 'SQLITE_IOERR':
    case 'EIO':
      return 'io';
    default:
      return 'other';
  }
}

/** The code an error carries: SQLite's or the system's. */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The one line for a store problem, with its fix. `opening` says the store could not even be opened (a wrong
 * ROADMAP_HOME is then the likely cause), as opposed to a read or write of an open store failing.
 */
export function storeError(problem: StoreProblem, file: string, code: string, options: { cause?: unknown; opening?: boolean; detail?: string } = {}): StoreError {
  const cause = options.cause === undefined ? undefined : { cause: options.cause };
  const what = (): string => {
    switch (problem) {
      case 'full':
        return `the disk holding the store ${file} is full (${code}): free some space and run the command again; everything answered before this is saved`;
      case 'unwritable':
        return `${options.opening ? 'cannot open' : 'cannot write to'} the store at ${file} (${code}); set ROADMAP_HOME to a writable folder`;
      case 'damaged':
        return `the store at ${file} is damaged (${code}): run \`roadmap doctor\`, and \`roadmap doctor --restore\` to put back the last backup`;
      case 'busy':
        return `the store at ${file} is locked by another roadmap (a drill or the workbench?) for more than ${BUSY_TIMEOUT_MS / 1000} s (${code}): finish or close it and run the command again`;
      case 'io':
        return `the disk failed to read or write the store at ${file} (${code}): check the disk, then run \`roadmap doctor\``;
      case 'newer':
        return `the store at ${file} was written by a newer roadmap (${options.detail ?? code}): upgrade roadmap and run the command again`;
      case 'interrupted-migration':
        return `an upgrade of the store at ${file} stopped halfway (${options.detail ?? code}): run \`roadmap doctor\` to repair it; nothing recorded is lost`;
      default:
        return `the store at ${file} failed (${code}${options.detail ? `: ${options.detail}` : ''}): run \`roadmap doctor\``;
    }
  };
  return new StoreError(what(), problem, cause);
}

/**
 * The learner-facing error for `error` if it is one the store knows how to explain; otherwise `error` itself
 * (a constraint violation or a bug stays what it is).
 */
export function translateStoreError(error: unknown, file: string, opening = false): unknown {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  if (!code) return error;
  let problem = problemOf(code);
  if (problem === 'other') return error;
  // SQLite reports a full disk as SQLITE_FULL only for database and WAL pages: growing the shared-memory
  // file of WAL mode fails as SQLITE_IOERR_SHMSIZE. An I/O error on a disk with no room left is a full disk.
  if (problem === 'io' && file !== ':memory:' && freeBytes(dirname(file)) < FULL_BELOW_BYTES) problem = 'full';
  return storeError(problem, file, code, { cause: error, opening });
}

/** Below this much free space, an I/O error is taken for a full disk. @default 256 KiB */
const FULL_BELOW_BYTES = 256 * 1024;

function freeBytes(dir: string): number {
  try {
    const st = statfsSync(dir);
    return st.bavail * st.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
