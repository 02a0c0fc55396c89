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

export interface RunningProcess {
  /** Resolves when the process has exited (for any reason). */
  readonly exited: Promise<void>;
  stop(): Promise<void>;
}

/** Runs child processes. Every process `roadmap` starts goes through one of these (STYLE: one runner). */
export interface Runner {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** Starts a long-running process (a watcher, a server); it is killed with roadmap, and by `stop()`. */
  start(file: string, args: readonly string[], options?: Omit<RunOptions, 'timeoutMs'>): RunningProcess;
  /** Runs a program on the learner's terminal (a pager, an editor) and waits for it; its exit code, or null if not found. */
  interactive(file: string, args: readonly string[], options?: { readonly cwd?: string }): Promise<number | null>;
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
      // Wrapped in an object: an execa subprocess is a thenable, and resolving a promise with it would wait for its exit.
      const child = import('execa').then(({ execa }) => ({
        process: execa(file, [...args], { cwd: options.cwd, env: options.env as Record<string, string> | undefined, extendEnv: options.env === undefined, reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'ignore', cleanup: true, forceKillAfterDelay: 2_000 }),
      }));
      const exited = child.then(async ({ process: p }) => void (await p));
      return {
        exited,
        async stop() {
          (await child).process.kill('SIGTERM');
          await exited;
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
