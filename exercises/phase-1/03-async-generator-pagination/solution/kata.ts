export interface Page<T> {
  items: T[];
  /** `null` on the last page. */
  nextCursor: string | null;
}

export type FetchPage<T> = (cursor: string | null) => Promise<Page<T>>;

/** Yields every item of every page, fetching the next page only when the consumer needs it. */
export async function* paginate<T>(fetchPage: FetchPage<T>): AsyncGenerator<T, void, undefined> {
  let cursor: string | null = null;
  do {
    // Runs only when the consumer calls next(): the generator is paused at the previous yield.
    const page: Page<T> = await fetchPage(cursor);
    // yield* pauses after each item, so a consumer that breaks never triggers the next fetch.
    yield* page.items;
    // The cursor, not the page size, says whether there is more: empty pages can have a cursor.
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/** Collects the first `n` values of `source`, then releases it. */
export async function take<T>(source: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n <= 0) return out; // do not even start the source
  for await (const value of source) {
    out.push(value);
    // break calls source.return(): the generator's finally blocks run (close sockets, files...).
    if (out.length >= n) break;
  }
  return out;
}
