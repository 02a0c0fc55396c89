import { describe, it, expect } from 'vitest'
import { EXTRACT_LINKS, runInWorker } from './worker.js'

function startTicker(ms: number) {
  let ticks = 0
  const timer = setInterval(() => ticks++, ms)
  return { ticks: () => ticks, stop: () => clearInterval(timer) }
}

describe('step 4: CPU work in a worker thread', () => {
  it('extracts unique links in a worker', async () => {
    const html = '<a href="/b">B</a><a href="/a#top">A</a><a href="/b">B again</a>'
    await expect(runInWorker<string[]>(EXTRACT_LINKS, { html })).resolves.toEqual(['/a', '/b'])
  })

  it('keeps the main event loop free while the worker burns CPU', async () => {
    const ticker = startTicker(5)
    const html = '<a href="/x">x</a>'.repeat(50_000)
    const links = await runInWorker<string[]>(EXTRACT_LINKS, { html, extraCpuMs: 200 })
    ticker.stop()
    expect(links).toEqual(['/x'])
    expect(ticker.ticks()).toBeGreaterThanOrEqual(5)
  })

  it('rejects with the error thrown inside the worker', async () => {
    await expect(runInWorker(`throw new Error('parse failed')`, null)).rejects.toThrow('parse failed')
  })

  it('terminates a runaway worker when the signal aborts', async () => {
    const signal = AbortSignal.timeout(50)
    await expect(runInWorker('while (true) {}', null, signal)).rejects.toMatchObject({ name: 'TimeoutError' })
  })
})
