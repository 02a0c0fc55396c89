import { Worker } from 'node:worker_threads';

export interface RunOptions {
  /** Aborting rejects the promise with `signal.reason` and terminates the worker. */
  signal?: AbortSignal;
}

/**
 * Runs the function expression `fnSource` with `input` in a worker thread and resolves with its result.
 */
export function runInWorker<T>(fnSource: string, input: unknown, options: RunOptions = {}): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason); // don't pay for a thread nobody wants

  // Functions cannot cross threads; code and structured-cloneable data can.
  // eval workers run as CommonJS scripts, hence require(). Promise.resolve().then(...) turns a sync
  // throw into a rejection, and an unhandled rejection in a worker surfaces as its 'error' event.
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const fn = (${fnSource});
    Promise.resolve()
      .then(() => fn(workerData))
      .then((result) => parentPort.postMessage(result));
  `;

  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: input });
    let settled = false;

    // Exactly one of message / error / exit / abort settles the promise; the rest are ignored.
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const onAbort = () => {
      settle(() => reject(signal?.reason));
      // Rejecting does not stop the thread: without terminate() it keeps burning a CPU core.
      void worker.terminate();
    };

    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (result: T) => settle(() => resolve(result)));
    worker.once('error', (error) => settle(() => reject(error)));
    // 'exit' also follows 'message' and 'error'; on its own it means the worker died without answering.
    worker.once('exit', (exitCode) =>
      settle(() => reject(new Error(`worker stopped with exit code ${exitCode} before sending a result`))),
    );
  });
}
