import { Worker } from 'node:worker_threads'

/**
 * Worker code is passed as a string with `eval: true`, so it runs as plain JavaScript (CommonJS) on
 * any Node version without a TypeScript loader. It must be self-contained: no closures over our module.
 */
export const EXTRACT_LINKS = `
const { parentPort, workerData } = require('node:worker_threads');
const { html, extraCpuMs = 0 } = workerData;
const links = new Set();
for (const match of html.matchAll(/href="([^"#]+)/g)) links.add(match[1]);
const end = performance.now() + extraCpuMs; // stands in for a heavier parser
while (performance.now() < end) {}
parentPort.postMessage([...links].sort());
`

/**
 * Runs `code` in a new worker thread with `data` as workerData and resolves with the first message.
 * The worker has its own event loop and V8 isolate: CPU work there never blocks ours. Aborting
 * `signal` terminates the worker.
 */
export function runInWorker<T>(code: string, data: unknown, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const worker = new Worker(code, { eval: true, workerData: data })
    const onAbort = () => {
      reject(signal?.reason)
      void worker.terminate()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const settle = () => signal?.removeEventListener('abort', onAbort)
    worker.once('message', (result: T) => {
      settle()
      resolve(result)
      void worker.terminate()
    })
    worker.once('error', (error) => {
      settle()
      reject(error)
    })
    worker.once('exit', (code) => {
      settle()
      reject(new Error(`worker exited with code ${code} before replying`)) // no-op if already settled
    })
  })
}
