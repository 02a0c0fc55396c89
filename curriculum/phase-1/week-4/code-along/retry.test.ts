import { describe, it, expect } from 'vitest'
import { backoffDelay, retry } from './retry.js'

describe('step 3: retries with exponential backoff and jitter', () => {
  it.each([
    [0, 1, 100],
    [1, 1, 200],
    [3, 0.5, 400],
    [10, 0.5, 2500], // capped at maxMs before the jitter
    [2, 0, 0],
  ])('attempt %i with random()=%f waits %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, 100, 5000, () => r)).toBe(expected)
  })

  it('retries a transient failure until it succeeds', async () => {
    const attempts: number[] = []
    const result = await retry(
      async (attempt) => {
        attempts.push(attempt)
        if (attempt < 2) throw new Error('ECONNRESET')
        return 'ok'
      },
      { baseMs: 1 },
    )
    expect(result).toBe('ok')
    expect(attempts).toEqual([0, 1, 2])
  })

  it('gives up after `retries` extra attempts with the last error', async () => {
    let calls = 0
    await expect(
      retry(
        async () => {
          calls++
          throw new Error(`failure ${calls}`)
        },
        { retries: 2, baseMs: 1 },
      ),
    ).rejects.toThrow('failure 3')
    expect(calls).toBe(3)
  })

  it('does not retry an error that shouldRetry rejects', async () => {
    let calls = 0
    const notFound = new Error('HTTP 404')
    await expect(
      retry(
        async () => {
          calls++
          throw notFound
        },
        { baseMs: 1, shouldRetry: (e) => e !== notFound },
      ),
    ).rejects.toBe(notFound)
    expect(calls).toBe(1)
  })

  it('stops waiting as soon as the signal aborts during a backoff', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    const started = performance.now()
    await expect(
      retry(() => Promise.reject(new Error('down')), { baseMs: 10_000, random: () => 1, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' })
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
