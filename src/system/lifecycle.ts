/**
 * The one owner of signals and cleanup (STYLE rule 11, close-with-grace style). Code that starts something
 * registers how to undo it with `defer` and listens to `signal`; nothing else installs signal handlers, calls
 * `process.exit` or counts listeners.
 *
 * - The first SIGINT, SIGTERM or SIGHUP aborts `signal` (its reason is the signal's name), runs every deferred
 *   cleanup, newest first, within a grace period, prints one line ("stopped (Ctrl-C)") and exits 130, 143 or 129.
 * - A second signal does not wait: the synchronous exit hooks run (they SIGKILL the process groups) and the
 *   process exits at once with the same code.
 * - An uncaught exception or unhandled rejection runs the cleanups the same way and exits 1 with one line.
 * - At a normal end, the command releases what it deferred (`release()`); the exit hooks still run on 'exit'.
 */

export type Cleanup = () => void | Promise<void>;

/** What `defer` returns: run the cleanup now (once) and forget it; or only forget it. */
export interface Deferred {
  /** Runs the cleanup (if it has not run yet) and unregisters it; resolves when it has finished, whoever ran it. */
  release(): Promise<void>;
  /** Unregisters the cleanup without running it (the thing was undone some other way). */
  cancel(): void;
}

export interface Lifecycle {
  /** Aborted on the first interrupt; `signal.reason` is the signal's name ('SIGINT', 'SIGTERM', 'SIGHUP'), or 'crash'. */
  readonly signal: AbortSignal;
  /** Resolves with the signal's name on the first interrupt (never rejects; never resolves otherwise). */
  readonly interrupted: Promise<NodeJS.Signals>;
  /**
   * Registers a cleanup to run on interrupt or crash (newest first, each awaited, errors swallowed so one failing
   * cleanup never skips the rest). `label` names it in ROADMAP_DEBUG output.
   */
  defer(cleanup: Cleanup, label?: string): Deferred;
  /**
   * A synchronous last resort run on 'exit' whatever the way out (a second Ctrl-C, `process.exit`, the end of the
   * event loop): kill a process group, remove a pid file. Returns a function that unregisters it.
   */
  onExit(hook: () => void): () => void;
  /**
   * While registered, a crash is described by `explain` instead of "unexpected error: …" (the TUI says the session
   * is safe). Returns a function that unregisters it.
   */
  explainCrash(explain: (message: string) => string): () => void;
  /**
   * Ends roadmap now the orderly way, without a line: aborts `signal`, runs the cleanups within the grace period and
   * exits with `code`. For an end nobody chose to report (the reader of a pipe went away: exit 0).
   */
  end(code: number, reason: string): void;
  /**
   * While a program runs on the learner's terminal (an editor, a pager), Ctrl-C is that program's, as in a shell:
   * the terminal sends SIGINT to it as well, and roadmap waits for it instead of stopping. SIGTERM and SIGHUP still
   * stop roadmap. Returns the function that gives Ctrl-C back.
   */
  lendCtrlC(): () => void;
  /** Runs every deferred cleanup now, newest first, including any registered meanwhile (also for tests). */
  runCleanups(): Promise<void>;
}

/** The exit code for each interrupting signal (128 + its number), and how the one line names it. */
export const INTERRUPTS = {
  SIGINT: { code: 130, name: 'Ctrl-C' },
  SIGTERM: { code: 143, name: 'SIGTERM' },
  SIGHUP: { code: 129, name: 'SIGHUP' },
} as const satisfies Record<string, { code: number; name: string }>;

export type InterruptSignal = keyof typeof INTERRUPTS;

/** How long the deferred cleanups get after the first signal before the exit hooks take over. @default 8000 */
export const GRACE_MS = 8_000;

interface Entry {
  readonly cleanup: Cleanup;
  readonly label: string;
  /** Set once the cleanup has started: whoever comes second (release or the shutdown) waits for the same run. */
  run?: Promise<void>;
  cancelled: boolean;
}

/** What the process-wide lifecycle needs from `process`; tests pass their own. */
export interface LifecycleHost {
  on(event: string, listener: (...args: unknown[]) => void): void;
  exit(code: number): void;
  writeErr(line: string): void;
  readonly debug: boolean;
}

export type LocalLifecycle = Lifecycle & { interrupt(signal: InterruptSignal): void; crash(error: unknown): void };

/**
 * A lifecycle. `createLifecycle()` without a host is a local one (tests, nested engines): it never installs a
 * handler, and its cleanups run only through `runCleanups()`. The process-wide one comes from `processLifecycle()`.
 */
export function createLifecycle(host?: LifecycleHost, graceMs = GRACE_MS): LocalLifecycle {
  const controller = new AbortController();
  const entries: Entry[] = [];
  const exitHooks = new Set<() => void>();
  const explainers: ((message: string) => string)[] = [];
  let resolveInterrupted: (signal: NodeJS.Signals) => void = () => {};
  const interrupted = new Promise<NodeJS.Signals>((resolve) => (resolveInterrupted = resolve));
  let stopping = false;
  let ctrlCLent = 0;

  const runExitHooks = (): void => {
    for (const hook of [...exitHooks].reverse()) {
      try {
        hook();
      } catch {
        // A last resort never throws on the way out.
      }
    }
    exitHooks.clear();
  };

  const run = (entry: Entry): Promise<void> => {
    entry.run ??= (async () => {
      try {
        await entry.cleanup();
      } catch (error) {
        if (host?.debug) host.writeErr(`roadmap: cleanup "${entry.label}" failed: ${(error as Error).message}\n`);
      }
    })();
    return entry.run;
  };

  const runCleanups = async (): Promise<void> => {
    // Newest first: a target is stopped before the database it uses is dropped and the server is stopped. What is
    // registered while this runs (something started late) is taken too, so nothing escapes the shutdown.
    for (let entry = entries.pop(); entry; entry = entries.pop()) {
      if (entry.cancelled) continue;
      if (host?.debug) host.writeErr(`roadmap: cleanup: ${entry.label}\n`);
      await run(entry);
    }
  };

  const shutDown = (code: number, line: string): void => {
    if (!host) return;
    if (stopping) {
      // The second signal: no more waiting (the first one's line was never printed: it comes after the cleanups).
      if (line) host.writeErr(line);
      runExitHooks();
      host.exit(code);
      return;
    }
    stopping = true;
    const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    void Promise.race([runCleanups(), grace]).then(() => {
      if (line) host.writeErr(line);
      runExitHooks();
      host.exit(code);
    });
  };

  const lifecycle: LocalLifecycle = {
    signal: controller.signal,
    interrupted,
    defer(cleanup: Cleanup, label = 'cleanup'): Deferred {
      const entry: Entry = { cleanup, label, cancelled: false };
      entries.push(entry);
      const forget = (): void => {
        const i = entries.indexOf(entry);
        if (i >= 0) entries.splice(i, 1);
      };
      return {
        release() {
          forget();
          return entry.cancelled ? Promise.resolve() : run(entry);
        },
        cancel() {
          entry.cancelled = true;
          forget();
        },
      };
    },
    onExit(hook: () => void) {
      exitHooks.add(hook);
      return () => exitHooks.delete(hook);
    },
    explainCrash(explain) {
      explainers.push(explain);
      return () => {
        const i = explainers.indexOf(explain);
        if (i >= 0) explainers.splice(i, 1);
      };
    },
    end(code: number, reason: string) {
      if (stopping) return;
      if (!controller.signal.aborted) controller.abort(reason);
      shutDown(code, '');
    },
    lendCtrlC() {
      ctrlCLent++;
      let given = false;
      return () => {
        if (!given) ctrlCLent--;
        given = true;
      };
    },
    runCleanups,
    interrupt(signal: InterruptSignal) {
      if (signal === 'SIGINT' && ctrlCLent > 0) return;
      if (!controller.signal.aborted) {
        controller.abort(signal);
        resolveInterrupted(signal);
      }
      const { code, name } = INTERRUPTS[signal];
      shutDown(code, `roadmap: stopped (${name})\n`);
    },
    crash(error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      if (host?.debug && error instanceof Error) host.writeErr(`${error.stack}\n`);
      // A cleanup that throws while roadmap is already stopping must not cut the other cleanups short.
      if (stopping) return;
      if (!controller.signal.aborted) controller.abort('crash');
      const explain = explainers.at(-1);
      shutDown(1, `roadmap: ${explain ? explain(message) : `unexpected error: ${message}`}\n`);
    },
  };
  if (host) {
    for (const signal of Object.keys(INTERRUPTS) as InterruptSignal[]) host.on(signal, () => lifecycle.interrupt(signal));
    host.on('uncaughtException', (error) => lifecycle.crash(error));
    host.on('unhandledRejection', (error) => lifecycle.crash(error));
    host.on('exit', runExitHooks);
  }
  return lifecycle;
}

let processWide: Lifecycle | undefined;
let local: Lifecycle | undefined;

/**
 * The process-wide lifecycle: installed on first use, once (src/cli/main.ts installs it before anything else).
 * `graceMs` is for the lifecycle's own tests in a child process.
 */
export function processLifecycle(options: { readonly graceMs?: number } = {}): Lifecycle {
  processWide ??= createLifecycle(
    {
      on: (event, listener) => process.on(event as 'exit', listener),
      exit: (code) => process.exit(code),
      writeErr: (line) => process.stderr.write(line),
      debug: process.env.ROADMAP_DEBUG === '1',
    },
    options.graceMs,
  );
  return processWide;
}

/**
 * The lifecycle for code that was not handed one (a runner built on its own): the process-wide one once it is
 * installed, else one local to this process that never handles a signal (a test worker: the test setup runs its
 * cleanups after each file, so a process a test forgot is still stopped).
 */
export function currentLifecycle(): Lifecycle {
  return processWide ?? (local ??= createLifecycle());
}
