import { render } from 'ink';
import type { LocalDate } from '../core/local-date.js';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { processTerminal } from '../system/terminal.js';
import { App } from './App.js';
import { DepsContext } from './deps-context.js';

export interface TuiOptions {
  readonly date: LocalDate;
  readonly bell: boolean;
}

const crashed = (message: string): string => `the TUI crashed: ${message} (your session is safe in the store)`;

/**
 * Runs the full-screen app until `q` or Ctrl-C. The terminal is restored on every way out (quit, Ctrl-C,
 * SIGTERM, SIGHUP, a crash): the lifecycle runs the deferred restore on an interrupt or a crash, and its exit hook
 * on a second signal or `process.exit`. The session itself lives in the store, so leaving never loses its minutes.
 */
export async function runTui(deps: Deps, options: TuiOptions): Promise<{ readonly cancelled: boolean }> {
  const terminal = processTerminal();
  const life = deps.lifecycle;
  let cancelled = false;
  let app: ReturnType<typeof render> | undefined;
  // Unmount first (Ink writes its last frame and lets go of stdin), then leave the alternate screen. Ink's own
  // signal-exit hook never re-raises a signal here: the lifecycle's listeners are always installed.
  const restore = (): void => {
    app?.unmount();
    terminal.leaveFullScreen();
  };
  const restoring = life.defer(restore, 'restore the terminal');
  const offExit = life.onExit(restore);
  const offCrash = life.explainCrash(crashed);
  terminal.enterFullScreen();
  app = render(
    <DepsContext.Provider value={deps}>
      <App date={options.date} bell={options.bell} />
    </DepsContext.Provider>,
    { stdout: terminal.stdout, stdin: terminal.stdin, exitOnCtrlC: false, patchConsole: true },
  );
  const onCtrlC = (data: Buffer): void => {
    if (data.toString() === '\u0003') {
      cancelled = true;
      app?.unmount();
    }
  };
  terminal.stdin.on('data', onCtrlC);
  try {
    await app.waitUntilExit();
  } catch (error) {
    // A render error: Ink has unmounted and `finally` restores the screen; the one line says what happened.
    throw new RoadmapError(crashed((error as Error)?.message ?? String(error)), 'user', { cause: error });
  } finally {
    terminal.stdin.off('data', onCtrlC);
    await restoring.release();
    offExit();
    offCrash();
  }
  return { cancelled };
}
