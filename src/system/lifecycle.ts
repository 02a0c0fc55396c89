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
  /** Runs the cleanup (if it has not run yet) and unregisters it. */
  release(): Promise<void>;
  /** Unregisters the cleanup without running it (the thing was undone some other way). */
  cancel(): void;
}

export interface Lifecycle {
  /** Aborted on the first interrupt; `signal.reason` is the signal's name ('SIGINT', 'SIGTERM', 'SIGHUP'). */
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
  /** Runs every deferred cleanup now, newest first (the engine of an interrupt; also for tests). */
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
  done: boolean;
}

/** What the process-wide lifecycle needs from `process`; tests pass their own. */
export interface LifecycleHost {
  on(event: string, listener: (...args: unknown[]) => void): void;
  exit(code: number): void;
  writeErr(line: string): void;
  readonly debug: boolean;
}

/**
 * A lifecycle. `createLifecycle()` without a host is a local one (tests, nested engines): it never installs a
 * handler, and its cleanups run only through `runCleanups()`. The process-wide one comes from `processLifecycle()`.
 */
export function createLifecycle(host?: LifecycleHost, graceMs = GRACE_MS): Lifecycle & { interrupt(signal: InterruptSignal): void; crash(error: unknown): void } {
  const controller = new AbortController();
  const entries: Entry[] = [];
  const exitHooks = new Set<() => void>();
  let resolveInterrupted: (signal: NodeJS.Signals) => void = () => {};
  const interrupted = new Promise<NodeJS.Signals>((resolve) => (resolveInterrupted = resolve));
  let stopping = false;

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

  const runCleanups = async (): Promise<void> => {
    // Newest first: a target is stopped before the database it uses is dropped and the server is stopped.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry.done) continue;
      entry.done = true;
      try {
        await entry.cleanup();
      } catch (error) {
        if (host?.debug) host.writeErr(`roadmap: cleanup "${entry.label}" failed: ${(error as Error).message}\n`);
      }
    }
    entries.length = 0;
  };

  const shutDown = (code: number, line: string): void => {
    if (!host) return;
    if (stopping) {
      // The second signal: no more waiting.
      runExitHooks();
      host.exit(code);
      return;
    }
    stopping = true;
    const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    void Promise.race([runCleanups(), grace]).then(() => {
      host.writeErr(line);
      runExitHooks();
      host.exit(code);
    });
  };

  const lifecycle = {
    signal: controller.signal,
    interrupted,
    defer(cleanup: Cleanup, label = 'cleanup'): Deferred {
      const entry: Entry = { cleanup, label, done: false };
      entries.push(entry);
      const forget = (): void => {
        const i = entries.indexOf(entry);
        if (i >= 0) entries.splice(i, 1);
      };
      return {
        async release() {
          forget();
          if (entry.done) return;
          entry.done = true;
          await cleanup();
        },
        cancel() {
          entry.done = true;
          forget();
        },
      };
    },
    onExit(hook: () => void) {
      exitHooks.add(hook);
      return () => exitHooks.delete(hook);
    },
    runCleanups,
    interrupt(signal: InterruptSignal) {
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
      if (!controller.signal.aborted) controller.abort('crash');
      shutDown(1, `roadmap: unexpected error: ${message}\n`);
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

/** The process-wide lifecycle: installed on first use, once. */
export function processLifecycle(): Lifecycle {
  processWide ??= createLifecycle({
    on: (event, listener) => process.on(event as 'exit', listener),
    exit: (code) => process.exit(code),
    writeErr: (line) => process.stderr.write(line),
    debug: process.env.ROADMAP_DEBUG === '1',
  });
  return processWide;
}
