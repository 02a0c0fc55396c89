import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crawl, type FetchPage, type Page } from './pages.js'
import { toNdjson } from './ndjson.js'

export interface ScrapeStats {
  pages: number
  bytes: number
}

/**
 * crawl -> summarise -> NDJSON -> file, with backpressure end to end: if the disk is slow, the file
 * stream stops pulling, the generators pause at their `yield`, and no more pages are fetched.
 * `pipeline` destroys every stage if any stage fails, so a failed run leaves no dangling handles.
 */
export async function scrapeToFile(urls: Iterable<string>, fetchPage: FetchPage, path: string, stats: ScrapeStats = { pages: 0, bytes: 0 }): Promise<ScrapeStats> {
  await pipeline(
    Readable.from(crawl(urls, fetchPage)),
    async function* summarise(source: AsyncIterable<Page>) {
      for await (const page of source) {
        const bytes = Buffer.byteLength(page.body)
        stats.pages++
        stats.bytes += bytes
        yield { url: page.url, status: page.status, bytes }
      }
    },
    toNdjson,
    createWriteStream(path),
  )
  return stats
}
