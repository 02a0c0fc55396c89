import { render } from 'ink';
import type { LocalDate } from '../core/local-date.js';
import type { Deps } from '../deps.js';
import { processTerminal } from '../system/terminal.js';
import { App } from './App.js';
import { DepsContext } from './deps-context.js';

export interface TuiOptions {
  readonly date: LocalDate;
  readonly bell: boolean;
}

/**
 * Runs the full-screen app until `q` or Ctrl-C. The terminal is restored on every way out (quit, Ctrl-C,
 * SIGTERM, a crash); the session itself lives in the store, so leaving never loses its minutes.
 */
export async function runTui(deps: Deps, options: TuiOptions): Promise<{ readonly cancelled: boolean }> {
  const terminal = processTerminal();
  const restore = (): void => terminal.leaveFullScreen();
  let cancelled = false;
  const onCrash = (error: unknown): void => {
    restore();
    process.stderr.write(`roadmap: the TUI crashed: ${(error as Error)?.message ?? String(error)} (your session is safe in the store)\n`);
    process.exit(1);
  };
  // Unmount first (Ink writes its last frame), then `finally` leaves the alternate screen.
  const onTerm = (): void => {
    app.unmount();
  };
  process.once('exit', restore);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  // `on`, not `once`: Ink's signal-exit re-raises a signal when it thinks no one else listens, and a `once`
  // listener is gone by the time it looks, which would kill the process before the terminal is restored.
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onTerm);
  terminal.enterFullScreen();
  const app = render(
    <DepsContext.Provider value={deps}>
      <App date={options.date} bell={options.bell} />
    </DepsContext.Provider>,
    { stdout: terminal.stdout, stdin: terminal.stdin, exitOnCtrlC: false, patchConsole: true },
  );
  const onCtrlC = (data: Buffer): void => {
    if (data.toString() === '\u0003') {
      cancelled = true;
      app.unmount();
    }
  };
  terminal.stdin.on('data', onCtrlC);
  try {
    await app.waitUntilExit();
  } finally {
    terminal.stdin.off('data', onCtrlC);
    restore();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onTerm);
  }
  return { cancelled };
}
