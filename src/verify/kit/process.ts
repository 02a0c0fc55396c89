import type { CheckContext } from '../frame.js';
import { ContractError } from './contract-error.js';

type TargetCtx = Pick<CheckContext, 'startTarget' | 'logFile' | 'signal'>;

/** The last non-empty line of output, for a one-line reason. */
export function lastLine(lines: readonly string[]): string {
  return lines.filter((l) => l.trim() !== '').at(-1)?.trim().slice(0, 200) ?? '(no output)';
}

/** A deadline that never keeps roadmap alive after the race it is in is decided. */
export function deadline(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Resolves when `signal` aborts; its listener goes once `until` settles (a check starts many processes). */
function aborted(signal: AbortSignal, until: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    const forget = (): void => signal.removeEventListener('abort', onAbort);
    until.then(forget, forget);
  });
}

/**
 * Runs `<command> ...args` to its end (stopped after `timeoutMs` or when the check is aborted): its exit code
 * (127 when the command is not found) and output lines.
 */
export async function runToEnd(ctx: TargetCtx, args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs = 120_000): Promise<{ code: number | undefined; lines: string[]; timedOut: boolean }> {
  const lines: string[] = [];
  const p = ctx.startTarget(args, (line) => lines.push(line), env);
  let timedOut = false;
  const stop = Promise.race([deadline(timeoutMs).then(() => (timedOut = true)), aborted(ctx.signal, p.exited)]).then(() => p.stop());
  const status = await p.exited;
  void stop;
  return { code: status.notFound ? 127 : status.exitCode, lines, timedOut };
}

/** Runs `<command> ...args` and throws a ContractError naming what it did unless it exits 0. */
export async function runOk(ctx: TargetCtx, args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs = 120_000): Promise<string[]> {
  const r = await runToEnd(ctx, args, env, timeoutMs);
  if (r.timedOut) throw new ContractError(`\`${args.join(' ')}\` did not finish within ${Math.round(timeoutMs / 1000)} s (log: ${ctx.logFile})`);
  if (r.code === 127) throw new ContractError(`could not start the project's command: not found (see roadmap.project.json)`);
  if (r.code !== 0) throw new ContractError(`\`${args.join(' ')}\` exited ${r.code ?? 'on a signal'}: ${lastLine(r.lines)} (log: ${ctx.logFile})`);
  return r.lines;
}

export interface Server {
  readonly url: string;
  stop(): Promise<void>;
  /** Resolves when the server exits by itself (a crash mid-check). */
  readonly exited: Promise<number | undefined>;
}

/**
 * Starts `<command> ...args` (a server) and waits for its listening line on stdout, `{"event":"listening",
 * "url":...}`. Exiting first, or no such line within `timeoutMs`, is a ContractError naming what it did.
 */
export async function startServer(ctx: TargetCtx, args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs = 20_000): Promise<Server> {
  const lines: string[] = [];
  let onUrl: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => (onUrl = resolve));
  const p = ctx.startTarget(
    args,
    (line, stream) => {
      lines.push(line);
      if (lines.length > 50) lines.shift();
      if (stream !== 'stdout' || !line.startsWith('{')) return;
      try {
        const event = JSON.parse(line) as { event?: unknown; url?: unknown };
        if (event.event === 'listening' && typeof event.url === 'string') onUrl(event.url);
      } catch {
        // Not the listening line.
      }
    },
    env,
  );
  let exitCode: number | undefined;
  const exited = p.exited.then((s) => (exitCode = s.notFound ? 127 : s.exitCode));
  const url = await Promise.race([listening, exited.then(() => null), deadline(timeoutMs).then(() => undefined), aborted(ctx.signal, Promise.race([listening, exited])).then(() => undefined)]);
  if (!url) {
    await p.stop();
    const what = `\`${args.join(' ')}\``;
    throw new ContractError(
      url === null
        ? `${what} exited ${exitCode ?? 'on a signal'} before printing {"event":"listening","url":...}: ${lastLine(lines)} (log: ${ctx.logFile})`
        : `${what} printed no {"event":"listening","url":...} line on stdout within ${Math.round(timeoutMs / 1000)} s (log: ${ctx.logFile})`,
    );
  }
  try {
    new URL(url);
  } catch {
    await p.stop();
    throw new ContractError(`${`\`${args.join(' ')}\``} printed a listening line whose url is not a URL: ${url.slice(0, 80)}`);
  }
  return { url: url.replace(/\/+$/, ''), stop: () => p.stop(), exited };
}
