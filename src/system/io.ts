import type { Env } from './env.js';

/** Where a command writes: data to `out`, status and errors to `err`. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: colour and decoration are allowed. */
  readonly isTTY: boolean;
  readonly color: boolean;
  readonly columns: number;
}

export function processIo(env: Env): Io {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTTY,
    color: isTTY && !env.NO_COLOR && env.TERM !== 'dumb',
    columns: process.stdout.columns || 80,
  };
}

/** An Io that keeps what is written, for tests. */
export function bufferIo(options: { isTTY?: boolean; color?: boolean; columns?: number } = {}): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTTY: options.isTTY ?? false,
    color: options.color ?? false,
    columns: options.columns ?? 100,
    stdout: () => out,
    stderr: () => err,
  };
}
