import type { Env } from './env.js';

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
   * `logFile` when given. The whole group is killed by `stop()`, and when roadmap exits, is interrupted,
   * is terminated or crashes.
   */
  start(file: string, args: readonly string[], options?: StartOptions): RunningProcess;
  /** Runs a program on the learner's terminal (a pager, an editor) and waits for it; its exit code, or null if not found. */
  interactive(file: string, args: readonly string[], options?: { readonly cwd?: string }): Promise<number | null>;
}

/** Process groups started and not yet stopped (leader pid → its exit), stopped on every way out of roadmap. */
const liveGroups = new Map<number, Promise<unknown>>();
let exitHooksInstalled = false;
/** How long a group gets to finish cleanly (flush a file, print a summary) after SIGTERM before SIGKILL. */
const GRACE_MS = 2_000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = (): void => {
    for (const pid of liveGroups.keys()) killGroup(pid, 'SIGKILL');
    liveGroups.clear();
  };
  process.on('exit', killAll);
  let stopping = false;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      // Leave the default behaviour to other listeners (the TUI restores the terminal on its own handlers).
      const exit = (): void => {
        killAll();
        if (process.listenerCount(signal) === 1) process.exit(code);
      };
      // A second Ctrl-C does not wait.
      if (stopping || liveGroups.size === 0) return exit();
      stopping = true;
      // SIGTERM first, so a crawler can end its file on a whole line; SIGKILL whatever is left after the grace.
      for (const pid of liveGroups.keys()) killGroup(pid, 'SIGTERM');
      const grace = new Promise((resolve) => setTimeout(resolve, GRACE_MS).unref());
      void Promise.race([Promise.allSettled([...liveGroups.values()]), grace]).then(exit);
    });
  }
  process.on('uncaughtException', (error) => {
    killAll();
    process.stderr.write(`roadmap: unexpected error: ${error.message}\n`);
    process.exit(1);
  });
}

/**
 * The real runner, on execa. Children are killed when roadmap exits, and a run never throws for a
 * failing command: the result says what happened, so callers decide what a failure means.
 */
export function execaRunner(): Runner {
  return {
    async run(file, args, options = {}) {
      const { execa } = await import('execa');
      const result = await execa(file, [...args], {
        cwd: options.cwd,
        env: options.env as Record<string, string> | undefined,
        extendEnv: options.env === undefined,
        timeout: options.timeoutMs ?? 10_000,
        reject: false,
        stdin: 'ignore',
        cleanup: true,
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
      installExitHooks();
      const file$ = options.logFile ? { file: options.logFile, append: true } : undefined;
      const output = options.onLine ? (file$ ? ['pipe', file$] : 'pipe') : (file$ ?? 'ignore');
      // Wrapped in an object: an execa subprocess is a thenable, and resolving a promise with it would wait for its exit.
      const child = import('execa').then(async ({ execa }) => {
        const p = execa(file, [...args], {
          cwd: options.cwd,
          env: options.env as Record<string, string> | undefined,
          extendEnv: options.env === undefined,
          reject: false,
          stdin: 'ignore',
          stdout: output as 'pipe',
          stderr: output as 'pipe',
          // Lines are handed to onLine as they come; nothing is kept in memory (a crawl can write megabytes).
          buffer: false,
          // Its own process group, so stopping it also stops what it started (vitest's workers, a server's children).
          detached: true,
          cleanup: true,
        });
        if (p.pid) liveGroups.set(p.pid, p.catch(() => undefined));
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
      const exited = child.then(async ({ process: p }): Promise<ExitStatus> => {
        const result = await p;
        if (p.pid) liveGroups.delete(p.pid);
        return {
          exitCode: result.exitCode,
          signal: result.signal,
          notFound: (result as { code?: string }).code === 'ENOENT',
        };
      });
      return {
        exited,
        async stop() {
          const { process: p } = await child;
          if (p.pid) {
            killGroup(p.pid, 'SIGTERM');
            const timer = setTimeout(() => killGroup(p.pid!, 'SIGKILL'), 2_000);
            await exited;
            clearTimeout(timer);
            // The leader is gone; make sure nothing it started outlives it.
            killGroup(p.pid, 'SIGKILL');
          }
        },
      };
    },
    async interactive(file, args, options = {}) {
      const { execa } = await import('execa');
      const result = await execa(file, [...args], { cwd: options.cwd, stdio: 'inherit', reject: false });
      if ((result as { code?: string }).code === 'ENOENT') return null;
      return result.exitCode ?? 1;
    },
  };
}
