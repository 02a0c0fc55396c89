import type { Env } from './env.js';
import type { Lifecycle } from './lifecycle.js';

/** Where a command writes: data to `out`, status and errors to `err`. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: colour and decoration are allowed. */
  readonly isTTY: boolean;
  readonly color: boolean;
  readonly columns: number;
  /** Prints `prompt` on stderr and reads one line of stdin (a terminal or a pipe); null at end of input. */
  ask(prompt: string): Promise<string | null>;
  /** Like ask, but on a terminal takes a single key press without Enter ('' for Enter); null for Ctrl-C / end of input. */
  readKey(prompt: string): Promise<string | null>;
}

export function processIo(env: Env, lifecycle: () => Lifecycle): Io {
  const isTTY = Boolean(process.stdout.isTTY);
  // `roadmap ... | head` closes the pipe early: that is the reader's choice, not an error to report. Ending through
  // the lifecycle stops what the command started (`roadmap run phase-2 | head -1` leaves no server behind).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') return lifecycle().end(0, 'EPIPE');
      throw e;
    });
  }
  let lines: AsyncIterator<string> | undefined;
  const ask = async (prompt: string): Promise<string | null> => {
    process.stderr.write(prompt);
    if (!lines) {
      const { createInterface } = await import('node:readline');
      lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
    }
    const next = await lines.next();
    // A piped answer is not echoed: end the prompt's line so the next output starts clean.
    if (!process.stdin.isTTY) process.stderr.write('\n');
    return next.done ? null : next.value;
  };
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTTY,
    color: isTTY && !env.NO_COLOR && env.TERM !== 'dumb',
    columns: process.stdout.columns || 80,
    ask,
    readKey: async (prompt) => {
      const stdin = process.stdin;
      if (!stdin.isTTY) return ask(prompt);
      process.stderr.write(prompt);
      return new Promise((resolve) => {
        stdin.setRawMode(true);
        stdin.resume();
        stdin.once('data', (buf: Buffer) => {
          stdin.setRawMode(false);
          stdin.pause();
          const key = buf.toString('utf8');
          process.stderr.write('\n');
          resolve(key === '\u0003' || key === '\u0004' ? null : key === '\r' || key === '\n' ? '' : key);
        });
      });
    },
  };
}

/** An Io that keeps what is written, for tests. */
export function bufferIo(options: { isTTY?: boolean; color?: boolean; columns?: number; answers?: readonly string[] } = {}): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const answers = [...(options.answers ?? [])];
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTTY: options.isTTY ?? false,
    color: options.color ?? false,
    columns: options.columns ?? 100,
    ask: async (prompt) => {
      err += prompt;
      return answers.shift() ?? null;
    },
    readKey: async (prompt) => {
      err += prompt;
      return answers.shift() ?? null;
    },
    stdout: () => out,
    stderr: () => err,
  };
}
