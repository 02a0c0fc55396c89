import { describe, it, expect } from 'vitest'
import { orderFromIoCallback, orderOfNestedMicrotasks } from './scheduling.js'

describe('step 1: who runs first', () => {
  it('runs sync code, then nextTick, then promises, then setImmediate, then timers (inside an I/O callback)', async () => {
    expect(await orderFromIoCallback()).toEqual(['sync', 'nextTick', 'promise', 'immediate', 'timeout'])
  })

  it('drains the whole promise queue before a nextTick scheduled from a promise callback', async () => {
    expect(await orderOfNestedMicrotasks()).toEqual([
      'promise 1',
      'promise 2',
      'promise 1 chained',
      'nextTick from promise 1',
    ])
  })
})
