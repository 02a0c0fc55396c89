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
  void options; // TODO: validate chunkSize and process the items in chunks
  // Correct results — but one long synchronous loop: nothing else runs until it ends.
  return items.map(fn);
}
