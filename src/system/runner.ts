import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import type { Env } from './env.js';
import { leashed } from './leash.js';
import { currentLifecycle, type Lifecycle } from './lifecycle.js';
import { forgetGroup, groupRecordFile, reapOrphansOnce, recordGroup, removableDir } from './reaper.js';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Env;
  /** Kill the process after this long. @default 10000 */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly command: string;
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** The executable was not found on PATH. */
  readonly notFound: boolean;
  readonly timedOut: boolean;
  readonly ok: boolean;
}

export interface StartOptions extends Omit<RunOptions, 'timeoutMs'> {
  /** Output is appended here (stdout and stderr interleaved), and kept for a person to read afterwards. */
  readonly logFile?: string;
  /** Called with each line of output as it arrives (in addition to the log file). */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /**
   * A folder that belongs to this group (a private server's data, a watcher's reports; an absolute `roadmap-*`
   * folder): removed once the group has ended, on every way out, including (by the leash or the next start's
   * reaper) a SIGKILL of roadmap.
   */
  readonly tempDir?: string;
}

export interface ExitStatus {
  /** undefined when killed by a signal or never started. */
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  /** The executable was not found. */
  readonly notFound: boolean;
}

export interface RunningProcess {
  /** Resolves when the process has exited (for any reason). */
  readonly exited: Promise<ExitStatus>;
  stop(): Promise<void>;
}

/** Runs child processes. Every process `roadmap` starts goes through one of these (STYLE: one runner). */
export interface Runner {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /**
   * Starts a long-running process (a watcher, a server) in its own process group, its output appended to
   * `logFile` when given. The whole group is stopped by `stop()` (SIGTERM, SIGKILL after 2 s) and on every way out
   * of roadmap: Ctrl-C, SIGTERM, a crash, an exit, and soon after a SIGKILL.
   */
  start(file: string, args: readonly string[], options?: StartOptions): RunningProcess;
  /** Runs a program on the learner's terminal (a pager, an editor) and waits for it; its exit code, or null if not found. */
  interactive(file: string, args: readonly string[], options?: { readonly cwd?: string }): Promise<number | null>;
}

/** How long a group gets to finish cleanly (flush a file, print a summary) after SIGTERM before SIGKILL. */
const GROUP_GRACE_MS = 2_000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Where `file` would be found (node's own lookup: the child's PATH, else /usr/bin:/bin), or null. */
function findExecutable(file: string, options: StartOptions): string | null {
  if (file.includes('/')) {
    const path = resolve(options.cwd ?? '.', file);
    return existsSync(path) ? path : null;
  }
  const path = options.env ? (options.env.PATH ?? '/usr/bin:/bin') : (process.env.PATH ?? '');
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = resolve(options.cwd ?? '.', dir, file);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/**
 * The real runner, on execa. A run never throws for a failing command: the result says what happened, so callers
 * decide what a failure means. Every started group is registered with `lifecycle` (stopped on Ctrl-C, SIGTERM and a
 * crash, SIGKILLed on any other way out), runs on a leash (leash.ts: it dies soon after a SIGKILLed roadmap) and
 * has a pid file for the next start's reaper (reaper.ts). Runs are cancelled when the lifecycle is aborted.
 */
export function execaRunner(lifecycle: () => Lifecycle = currentLifecycle): Runner {
  return {
    async run(file, args, options = {}) {
      const { execa } = await import('execa');
      const { signal } = lifecycle();
      const result = await execa(file, [...args], {
        cwd: options.cwd,
        env: options.env as Record<string, string> | undefined,
        extendEnv: options.env === undefined,
        timeout: options.timeoutMs ?? 10_000,
        reject: false,
        stdin: 'ignore',
        cleanup: true,
        // On Ctrl-C a long run (a kata's tests, pg_dump) stops with the rest, so its caller's `finally` runs in time;
        // a run a cleanup starts after the interrupt is left to finish.
        ...(signal.aborted ? {} : { cancelSignal: signal }),
        forceKillAfterDelay: 2_000,
      });
      const code = (result as { code?: string }).code;
      return {
        command: [file, ...args].join(' '),
        exitCode: result.exitCode,
        stdout: String(result.stdout ?? ''),
        stderr: String(result.stderr ?? ''),
        notFound: code === 'ENOENT',
        timedOut: Boolean(result.timedOut),
        ok: !result.failed,
      };
    },
    start(file, args, options = {}) {
      const life = lifecycle();
      const command = [file, ...args].join(' ');
      const dir = options.tempDir ?? null;
      if (dir !== null && !removableDir(dir)) throw new Error(`a process group's tempDir must be an absolute roadmap-* folder, not ${dir}`);
      const removeDir = (): void => {
        // Retries: a process of the group that was just SIGKILLed may still be writing into the folder.
        if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      };
      // The first start of a roadmap process cleans up after one that was SIGKILLed (one readdir when there is none).
      void reapOrphansOnce();
      const executable = findExecutable(file, options);
      if (!executable) {
        removeDir();
        return { exited: Promise.resolve({ exitCode: undefined, signal: undefined, notFound: true }), stop: async () => {} };
      }
      const recordFile = groupRecordFile();
      const leash = leashed(executable, args, recordFile, dir);
      const file$ = options.logFile ? { file: options.logFile, append: true } : undefined;
      const output = options.onLine ? (file$ ? ['pipe', file$] : 'pipe') : (file$ ?? 'ignore');
      // Wrapped in an object: an execa subprocess is a thenable, and resolving a promise with it would wait for its exit.
      const child = import('execa').then(async ({ execa }) => {
        const p = execa(leash.file, leash.args, {
          cwd: options.cwd,
          env: options.env as Record<string, string> | undefined,
          extendEnv: options.env === undefined,
          reject: false,
          // The leash's lifeline: never written to, closed by the kernel when roadmap dies.
          stdin: 'pipe',
          stdout: output as 'pipe',
          stderr: output as 'pipe',
          // Lines are handed to onLine as they come; nothing is kept in memory (a crawl can write megabytes).
          buffer: false,
          // Its own process group, so stopping it also stops what it started (vitest's workers, a server's children).
          detached: true,
        });
        if (p.pid) recordGroup(recordFile, p.pid, command, dir);
        const onLine = options.onLine;
        if (onLine) {
          const { createInterface } = await import('node:readline');
          for (const stream of ['stdout', 'stderr'] as const) {
            const source = p[stream];
            if (source) createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => onLine(line, stream));
          }
        }
        return { process: p };
      });
      const pidOf = async (): Promise<number | undefined> => (await child).process.pid;
      let pid: number | undefined;
      // The last resort (a second Ctrl-C, process.exit): the leash dies with its group, so the folder and the pid
      // file go here.
      const offExit = life.onExit(() => {
        if (!pid) return;
        killGroup(pid, 'SIGKILL');
        forgetGroup(recordFile);
        removeDir();
      });
      let exitedAlready = false;
      const exited = child.then(async ({ process: p }): Promise<ExitStatus> => {
        pid = p.pid;
        const result = await p;
        exitedAlready = true;
        // The leader is gone; nothing it started outlives it, and neither do its folder and its pid file.
        if (p.pid) killGroup(p.pid, 'SIGKILL');
        offExit();
        forgetGroup(recordFile);
        removeDir();
        return {
          exitCode: result.exitCode,
          signal: result.signal,
          notFound: (result as { code?: string }).code === 'ENOENT',
        };
      });
      const end = async (): Promise<void> => {
        const leader = await pidOf();
        if (leader && !exitedAlready) {
          // SIGTERM first, so a crawler can end its file on a whole line; SIGKILL whatever is left after the grace.
          killGroup(leader, 'SIGTERM');
          const timer = setTimeout(() => killGroup(leader, 'SIGKILL'), GROUP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        await exited;
      };
      // Registered at once (not when execa has loaded), so a Ctrl-C right after start() still finds the group.
      const deferred = life.defer(end, `stop ${command.slice(0, 80)}`);
      void exited.then(
        () => deferred.cancel(),
        () => deferred.cancel(),
      );
      return {
        exited,
        stop: () => deferred.release().then(() => exited.then(() => undefined)),
      };
    },
    async interactive(file, args, options = {}) {
      const { execa } = await import('execa');
      // The program owns the terminal, Ctrl-C included (a pager quits on it, an editor ignores it).
      const giveBack = lifecycle().lendCtrlC();
      const result = await execa(file, [...args], { cwd: options.cwd, stdio: 'inherit', reject: false }).finally(giveBack);
      if ((result as { code?: string }).code === 'ENOENT') return null;
      return result.exitCode ?? 1;
    },
  };
}
