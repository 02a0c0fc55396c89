import { describe, it, expect } from 'vitest'
import { crawl, take, type Page } from './pages.js'

function fakeFetch(calls: string[]) {
  return async (url: string): Promise<Page> => {
    calls.push(url)
    await new Promise((resolve) => setTimeout(resolve, 1))
    return { url, status: 200, body: `<h1>${url}</h1>` }
  }
}

describe('step 1: async generators pull, they do not push', () => {
  it('yields pages in order with for await', async () => {
    const seen: string[] = []
    for await (const page of crawl(['/a', '/b', '/c'], fakeFetch([]))) seen.push(page.url)
    expect(seen).toEqual(['/a', '/b', '/c'])
  })

  it('fetches nothing until the consumer asks', async () => {
    const calls: string[] = []
    const pages = crawl(['/a', '/b'], fakeFetch(calls))
    expect(calls).toEqual([])
    await pages.next()
    expect(calls).toEqual(['/a'])
    await pages.return(undefined) // close it: runs its finally block
  })

  it('stops fetching and runs the finally block when the consumer breaks early', async () => {
    const calls: string[] = []
    const log: string[] = []
    for await (const page of crawl(['/a', '/b', '/c', '/d'], fakeFetch(calls), (line) => log.push(line))) {
      if (page.url === '/b') break
    }
    expect(calls).toEqual(['/a', '/b'])
    expect(log).toEqual(['crawl finished after 2 pages'])
  })

  it('take(n) stops pulling from the source after n items', async () => {
    const calls: string[] = []
    const urls: string[] = []
    for await (const page of take(crawl(['/1', '/2', '/3', '/4'], fakeFetch(calls)), 2)) urls.push(page.url)
    expect(urls).toEqual(['/1', '/2'])
    expect(calls).toEqual(['/1', '/2'])
  })
})
