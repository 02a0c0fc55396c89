export interface Page<T> {
  items: T[];
  /** `null` on the last page. */
  nextCursor: string | null;
}

export type FetchPage<T> = (cursor: string | null) => Promise<Page<T>>;

/** Yields every item of every page, fetching the next page only when the consumer needs it. */
export async function* paginate<T>(fetchPage: FetchPage<T>): AsyncGenerator<T, void, undefined> {
  void fetchPage;
  throw new Error('TODO: implement paginate');
}

/** Collects the first `n` values of `source`, then releases it. */
export async function take<T>(source: AsyncIterable<T>, n: number): Promise<T[]> {
  void source;
  void n;
  throw new Error('TODO: implement take');
}
