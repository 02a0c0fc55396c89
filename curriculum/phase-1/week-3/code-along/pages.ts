export interface Page {
  readonly url: string
  readonly status: number
  readonly body: string
}

export type FetchPage = (url: string) => Promise<Page>

/**
 * Fetches pages one at a time and yields each as soon as it arrives. Nothing runs until the consumer
 * asks for the next page: the consumer's speed is the crawler's speed (pull-based backpressure).
 */
export async function* crawl(urls: Iterable<string>, fetchPage: FetchPage, log: (line: string) => void = () => {}): AsyncGenerator<Page> {
  let fetched = 0
  try {
    for (const url of urls) {
      const page = await fetchPage(url)
      fetched++
      yield page
    }
  } finally {
    // Runs on normal completion, on a thrown error AND when the consumer stops early (break/return):
    // the place to close connections or file handles.
    log(`crawl finished after ${fetched} pages`)
  }
}

/** Lazily keeps the first `n` items: stops pulling from `source` (and so closes it) once it has them. */
export async function* take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  if (n <= 0) return
  let count = 0
  for await (const item of source) {
    yield item
    if (++count >= n) return
  }
}
