/** The learner's terminal, for the full-screen TUI: the real streams and the alternate screen buffer. */
export interface Terminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** Both ends are a terminal (not piped): the TUI can run. */
  readonly interactive: boolean;
  enterFullScreen(): void;
  /** Idempotent: safe from exit handlers, signal handlers and crash handlers alike. */
  leaveFullScreen(): void;
}

export function processTerminal(): Terminal {
  let entered = false;
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    enterFullScreen() {
      if (entered) return;
      entered = true;
      process.stdout.write('\u001b[?1049h\u001b[H');
    },
    leaveFullScreen() {
      if (!entered) return;
      entered = false;
      // Back to the normal screen, cursor shown, raw mode off: the shell prompt is as it was.
      process.stdout.write('\u001b[?25h\u001b[?1049l');
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    },
  };
}

/**
 * NO_COLOR (no-color.org) for the TUI: Ink's chalk reads FORCE_COLOR when it loads, not NO_COLOR, so map one
 * onto the other before the TUI's modules are imported. Bold, dim and inverse stay: they are not colour.
 */
export function applyNoColor(env: Readonly<Record<string, string | undefined>>): void {
  if (env.NO_COLOR) process.env.FORCE_COLOR = '0';
}
