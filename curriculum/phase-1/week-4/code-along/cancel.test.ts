import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fetchText, isAbortError } from './cancel.js'

let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      const timer = setTimeout(() => res.end('too late'), 5_000)
      res.on('close', () => clearTimeout(timer)) // the client gave up: stop working for it
      return
    }
    if (req.url === '/missing') {
      res.statusCode = 404
      res.end()
      return
    }
    res.end('hello')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('step 2: timeouts and cancellation with AbortSignal', () => {
  it('returns the body of a fast response', async () => {
    await expect(fetchText(`${base}/`, { timeoutMs: 1_000 })).resolves.toBe('hello')
  })

  it('fails with a TimeoutError when the server is too slow', async () => {
    const started = performance.now()
    const error = await fetchText(`${base}/slow`, { timeoutMs: 100 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect(isAbortError(error)).toBe(true)
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it("fails with an AbortError when the caller's signal aborts first", async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    await expect(fetchText(`${base}/slow`, { timeoutMs: 5_000, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('treats an HTTP error status as an ordinary (retryable) error', async () => {
    const error = await fetchText(`${base}/missing`, { timeoutMs: 1_000 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ message: expect.stringContaining('HTTP 404') })
    expect(isAbortError(error)).toBe(false)
  })
})
