import { readFile } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Schedules one callback of each kind from inside an I/O callback and records the order they run in.
 * Inside an I/O callback we are in the poll phase, so the check phase (setImmediate) always comes
 * before the next timers phase — which makes this order deterministic, unlike in the main module.
 */
export function orderFromIoCallback(): Promise<string[]> {
  return new Promise((resolve) => {
    readFile(fileURLToPath(import.meta.url), () => {
      const order: string[] = []
      setTimeout(() => {
        order.push('timeout')
        resolve(order)
      }, 0)
      setImmediate(() => order.push('immediate'))
      void Promise.resolve().then(() => order.push('promise'))
      process.nextTick(() => order.push('nextTick'))
      order.push('sync')
    })
  })
}

/**
 * Shows that the nextTick queue and the promise (microtask) queue are drained one after the other:
 * a nextTick scheduled from a promise callback waits until the whole microtask queue is empty,
 * including promise callbacks chained after it.
 */
export function orderOfNestedMicrotasks(): Promise<string[]> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const order: string[] = []
      void Promise.resolve()
        .then(() => {
          order.push('promise 1')
          process.nextTick(() => order.push('nextTick from promise 1'))
        })
        .then(() => order.push('promise 1 chained'))
      void Promise.resolve().then(() => order.push('promise 2'))
      setImmediate(() => resolve(order))
    }, 0)
  })
}
