/**
 * Runs a scanner to its end through `deps.runner` (its own process group, so sqlmap's and wapiti's children go
 * with it), stopped when `signal` aborts or `timeoutMs` passes. Output lines are kept for parsing.
 */
import type { Deps } from '../../../deps.js';
import { deadline } from '../../kit/process.js';

export interface ToolRun {
  readonly lines: readonly string[];
  readonly exitCode: number | undefined;
  readonly notFound: boolean;
  readonly timedOut: boolean;
  readonly aborted: boolean;
}

export async function runTool(
  deps: Pick<Deps, 'runner' | 'env'>,
  file: string,
  args: readonly string[],
  options: { readonly signal: AbortSignal; readonly timeoutMs: number; readonly cwd?: string; readonly logFile?: string; readonly onLine?: (line: string) => void },
): Promise<ToolRun> {
  const lines: string[] = [];
  // TERM=dumb: sqlmap otherwise writes terminal control sequences into its output.
  const env = { ...deps.env, TERM: 'dumb' };
  const p = deps.runner.start(file, args, {
    env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    onLine: (line) => {
      lines.push(line);
      options.onLine?.(line);
    },
  });
  let timedOut = false;
  let aborted = options.signal.aborted;
  const onAbort = (): void => {
    aborted = true;
    void p.stop();
  };
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (aborted) void p.stop();
  let settled = false;
  void deadline(options.timeoutMs).then(() => {
    if (settled) return;
    timedOut = true;
    void p.stop();
  });
  try {
    const status = await p.exited;
    return { lines, exitCode: status.exitCode, notFound: status.notFound, timedOut, aborted };
  } finally {
    settled = true;
    options.signal.removeEventListener('abort', onAbort);
  }
}

/** Runs `items` through `work` with at most `limit` at once, results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
