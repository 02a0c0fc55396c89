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
  const stdin = process.stdin;
  const lines = stdinLines(stdin);
  const hold = holdStdin(stdin);
  const ask = async (prompt: string): Promise<string | null> => {
    process.stderr.write(prompt);
    const line = await lines.next();
    // A piped answer is not echoed: end the prompt's line so the next output starts clean.
    if (!stdin.isTTY) process.stderr.write('\n');
    return line;
  };
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTTY,
    color: isTTY && !env.NO_COLOR && env.TERM !== 'dumb',
    columns: process.stdout.columns || 80,
    ask,
    readKey: async (prompt) => {
      if (!stdin.isTTY) return ask(prompt);
      process.stderr.write(prompt);
      if (lines.ended()) return finishKey(null);
      return new Promise((resolve) => {
        // Raw mode lasts exactly as long as this listener: every way out (a key, Ctrl-C, Ctrl-D, the end of
        // stdin, a read error) goes through done(). On a signal or a crash, Node resets the terminal on exit.
        const done = (key: string | null): void => {
          stdin.off('data', onData);
          stdin.off('end', onEnd);
          stdin.off('error', onEnd);
          stdin.setRawMode(false);
          stdin.pause();
          hold(false);
          resolve(finishKey(key));
        };
        const onData = (buf: Buffer): void => {
          const key = buf.toString('utf8');
          done(key === '\u0003' || key === '\u0004' ? null : key === '\r' || key === '\n' ? '' : key);
        };
        const onEnd = (): void => done(null);
        stdin.setRawMode(true);
        hold(true);
        stdin.on('data', onData);
        stdin.once('end', onEnd);
        stdin.once('error', onEnd);
        stdin.resume();
      });
    },
  };
}

/** Echoes a printable key after its prompt (raw mode does not), then ends the prompt's line. */
function finishKey(key: string | null): string | null {
  process.stderr.write(`${key && /^[\x20-\x7e]$/.test(key) ? key : ''}\n`);
  return key;
}

/**
 * Whether stdin may keep roadmap alive. Pausing is not enough: a paused pipe still holds the event loop, so
 * `learn check` fed by a pipe its writer keeps open would never end. Files (`< answers.txt`) have no handle.
 */
function holdStdin(stdin: NodeJS.ReadStream): (on: boolean) => void {
  const handle = stdin as { ref?: () => void; unref?: () => void };
  return (on) => void (on ? handle.ref?.() : handle.unref?.());
}

/**
 * stdin as a queue of lines, read only while someone waits for one. Between questions the stream is paused
 * and unreferenced, so an open stdin (a terminal, a pipe nobody closes) never keeps roadmap alive after its
 * last question. On a
 * terminal the reader is closed after each line, so a later single-key read (raw mode) sees its key alone;
 * on a pipe it stays open (paused), because closing it would drop a line it has half read.
 */
function stdinLines(stdin: NodeJS.ReadStream): { next(): Promise<string | null>; ended(): boolean } {
  const queue: string[] = [];
  const hold = holdStdin(stdin);
  let ended = false;
  let waiter: ((line: string | null) => void) | undefined;
  let reader: import('node:readline').Interface | undefined;
  const settle = (line: string | null): void => {
    const w = waiter;
    waiter = undefined;
    if (stdin.isTTY) {
      const r = reader;
      reader = undefined;
      r?.close();
    } else reader?.pause();
    hold(false);
    w?.(line);
  };
  return {
    ended: () => ended && queue.length === 0,
    async next() {
      if (queue.length > 0) return queue.shift()!;
      if (ended) return null;
      const { createInterface } = await import('node:readline');
      return new Promise((resolve) => {
        waiter = resolve;
        hold(true);
        if (reader) return void reader.resume();
        const r = createInterface({ input: stdin, terminal: false });
        reader = r;
        r.on('line', (line) => {
          if (waiter) settle(line);
          else queue.push(line);
        });
        r.on('close', () => {
          // Our own close after a line on a terminal is not the end of input; stdin ending is.
          if (reader !== r) return;
          reader = undefined;
          ended = true;
          settle(null);
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
