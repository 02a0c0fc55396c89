import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scrapeToFile } from './scrape-to-file.js'
import type { Page } from './pages.js'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrape-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const fetchPage = async (url: string): Promise<Page> => ({ url, status: 200, body: 'é'.repeat(10) })

describe('step 4: one pipeline from crawler to file', () => {
  it('writes one NDJSON line per page and counts bytes', async () => {
    const path = join(dir, 'ok.ndjson')
    const urls = Array.from({ length: 100 }, (_, i) => `/p${i}`)
    const stats = await scrapeToFile(urls, fetchPage, path)
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n')
    expect(stats).toEqual({ pages: 100, bytes: 2000 }) // 'é' is 2 bytes in UTF-8
    expect(lines).toHaveLength(100)
    expect(JSON.parse(lines[99]!)).toEqual({ url: '/p99', status: 200, bytes: 20 })
  })

  it('rejects and stops crawling when one fetch fails', async () => {
    const calls: string[] = []
    const failing = async (url: string): Promise<Page> => {
      calls.push(url)
      if (url === '/p3') throw new Error('ECONNRESET')
      return fetchPage(url)
    }
    const stats = { pages: 0, bytes: 0 }
    await expect(scrapeToFile(['/p1', '/p2', '/p3', '/p4', '/p5'], failing, join(dir, 'fail.ndjson'), stats)).rejects.toThrow('ECONNRESET')
    expect(calls).toEqual(['/p1', '/p2', '/p3'])
    expect(stats.pages).toBe(2)
  })
})
