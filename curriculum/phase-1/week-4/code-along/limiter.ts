export interface Limiter {
  /** Runs `task` when fewer than `concurrency` tasks are running; resolves or rejects with its result. */
  <T>(task: () => Promise<T>): Promise<T>
  readonly active: number
  readonly pending: number
}

/**
 * A concurrency limiter (what p-limit does): at most `concurrency` tasks run at once, the rest wait
 * in a FIFO queue. A failing task frees its slot like a successful one, so one error never stalls the queue.
 */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be an integer >= 1')
  const queue: (() => void)[] = []
  let active = 0

  const next = () => {
    if (active >= concurrency) return
    const start = queue.shift()
    if (start) start()
  }

  const limit = <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        active++
        task()
          .then(resolve, reject)
          .finally(() => {
            active--
            next()
          })
      })
      next()
    })

  return Object.defineProperties(limit, {
    active: { get: () => active },
    pending: { get: () => queue.length },
  }) as Limiter
}

/**
 * Maps `items` through `fn` with at most `concurrency` calls in flight and returns results in input
 * order. After `signal` aborts, no new call starts and the promise rejects with the abort reason.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number, signal?: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const limit = createLimiter(concurrency)
  return Promise.all(
    items.map((item, index) =>
      limit(async () => {
        signal?.throwIfAborted()
        return fn(item, index, signal)
      }),
    ),
  )
}
