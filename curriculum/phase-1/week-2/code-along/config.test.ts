import { describe, it, expect, expectTypeOf } from 'vitest'
import { attachHandlers, createEmitter, defaults, resolveConfig } from './config.js'

describe('step 3: satisfies, mapped types and a typed emitter', () => {
  it('keeps literal types on the defaults thanks to as const satisfies', () => {
    expectTypeOf(defaults.concurrency).toEqualTypeOf<8>()
    expect(defaults.progressIntervalMs).toBe(500)
  })

  it('merges overrides onto the defaults', () => {
    expect(resolveConfig({ concurrency: 32 })).toEqual({ ok: true, value: { ...defaults, concurrency: 32 } })
  })

  it('reports every out-of-range option, not just the first', () => {
    const result = resolveConfig({ concurrency: 0, retries: 1.5 })
    expect(result).toEqual({
      ok: false,
      error: ['concurrency must be an integer in [1, 256], got 0', 'retries must be an integer in [0, 10], got 1.5'],
    })
  })

  type ScrapeEvents = { page: [url: string, bytes: number]; done: [total: number] }

  it('delivers typed events to listeners and lets them unsubscribe', () => {
    const emitter = createEmitter<ScrapeEvents>()
    const seen: string[] = []
    const off = emitter.on('page', (url, bytes) => seen.push(`${url}:${bytes}`))
    emitter.emit('page', '/a', 10)
    off()
    emitter.emit('page', '/b', 20)
    // @ts-expect-error -- the bytes argument is missing
    emitter.emit('page', '/c')
    expect(seen).toEqual(['/a:10'])
  })

  it('maps onX handlers to x events', () => {
    const emitter = createEmitter<ScrapeEvents>()
    let total = 0
    attachHandlers(emitter, { onDone: (n) => (total = n) })
    emitter.emit('done', 42)
    expect(total).toBe(42)
  })
})
