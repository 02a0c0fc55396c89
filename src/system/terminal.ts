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
