import type { Env } from './env.js';

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
}

export function processIo(env: Env): Io {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTTY,
    color: isTTY && !env.NO_COLOR && env.TERM !== 'dumb',
    columns: process.stdout.columns || 80,
    ask: (() => {
      let lines: AsyncIterator<string> | undefined;
      return async (prompt: string) => {
        process.stderr.write(prompt);
        if (!lines) {
          const { createInterface } = await import('node:readline');
          lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
        }
        const next = await lines.next();
        return next.done ? null : next.value;
      };
    })(),
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
    stdout: () => out,
    stderr: () => err,
  };
}
