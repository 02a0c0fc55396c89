import { setImmediate as nextLoopIteration } from 'node:timers/promises';

export const DEFAULT_CHUNK_SIZE = 500;

export interface ChunkOptions {
  /** Items processed synchronously before yielding to the event loop. @default DEFAULT_CHUNK_SIZE */
  chunkSize?: number;
}

/**
 * Maps `items` with `fn`, yielding to the event loop between chunks so timers and I/O keep running.
 */
export async function mapInChunks<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  options: ChunkOptions = {},
): Promise<R[]> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  // A chunk size of 0 would never advance; NaN would never end the inner loop correctly.
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }

  const results: R[] = new Array<R>(items.length);
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) {
      // A macrotask: the loop runs timers, I/O callbacks and other immediates before we continue.
      // `await Promise.resolve()` or process.nextTick would resume *before* any of those.
      // setTimeout(0) would also work, but costs at least 1 ms per chunk.
      await nextLoopIteration();
    }
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) {
      results[i] = fn(items[i] as T, i); // a throw here rejects the returned promise and stops the loop
    }
  }
  return results;
}
