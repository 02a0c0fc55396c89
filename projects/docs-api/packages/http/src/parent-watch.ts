// The same watch as projects/scraper/src/parent-watch.ts: each reference project stands on its own.
import { fstatSync } from 'node:fs';

/** The environment variable a supervising parent (roadmap) sets to its own pid. */
export const PARENT_PID_ENV = 'ROADMAP_PARENT_PID';

/** How often the parent is looked for: a getppid() or a kill(pid, 0) each time, nothing more. @default 500 */
export const PARENT_CHECK_INTERVAL_MS = 500;

export interface ParentWatchOptions {
  /** ROADMAP_PARENT_PID, when the parent named itself. */
  readonly parentPid?: string;
  /** Whether stdin is a pipe or a socket: a parent that keeps a pipe to us supervises us. */
  readonly stdinIsPipe: boolean;
  /** @default () => process.ppid (a live getter: it changes when we are reparented) */
  readonly ppid?: () => number;
  /** @default process.kill(pid, 0) succeeds or fails with EPERM */
  readonly isAlive?: (pid: number) => boolean;
  /** @default PARENT_CHECK_INTERVAL_MS */
  readonly intervalMs?: number;
  /** Called once, when the parent is gone. */
  readonly onGone: (why: string) => void;
}

/** Whether fd 0 is a pipe or a socket (how process runners hand a child its stdin), not a TTY, file or /dev/null. */
export function stdinIsPipe(): boolean {
  try {
    const stats = fstatSync(0);
    return stats.isFIFO() || stats.isSocket();
  } catch {
    return false;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Notices that the process that started us is gone (SIGKILLed, crashed) so we stop instead of serving on for
 * nobody. Watches only when a parent asked for it, by naming its pid in ROADMAP_PARENT_PID, or by starting us
 * with stdin as a pipe; a person's `nohup docs-api serve &` (stdin a TTY or /dev/null) is left alone. The check is
 * the parent's pid, never stdin's end: `echo | docs-api serve` closes stdin at once while its shell is still there, and
 * /dev/null is at its end from the start. Returns a stop function, or undefined when there is nothing to watch.
 */
export function watchParent(options: ParentWatchOptions): (() => void) | undefined {
  const ppid = options.ppid ?? (() => process.ppid);
  const isAlive = options.isAlive ?? processExists;
  const named = options.parentPid === undefined || options.parentPid === '' ? undefined : Number(options.parentPid);
  const parent = named !== undefined && Number.isInteger(named) && named > 0 ? named : undefined;
  if (parent === undefined && !options.stdinIsPipe) return undefined;
  const startPpid = ppid();
  const gone = (): string | undefined => {
    // Reparenting is the sure sign for our direct parent; kill(pid, 0) covers a parent further up (npx, a shell).
    if ((parent === undefined || parent === startPpid) && ppid() !== startPpid) return `parent process ${startPpid} is gone`;
    if (parent !== undefined && !isAlive(parent)) return `parent process ${parent} (${PARENT_PID_ENV}) is gone`;
    return undefined;
  };
  const check = (): boolean => {
    const why = gone();
    if (why === undefined) return false;
    clearInterval(timer);
    options.onGone(why);
    return true;
  };
  const timer = setInterval(check, options.intervalMs ?? PARENT_CHECK_INTERVAL_MS);
  // The watch must never be what keeps the process alive.
  timer.unref();
  // A parent that died before we looked: at once, not a tick later.
  queueMicrotask(check);
  return () => clearInterval(timer);
}
