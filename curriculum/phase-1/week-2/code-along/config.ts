import type { Result } from './url.js'

export interface ScraperConfig {
  readonly concurrency: number
  readonly progressIntervalMs: number
  readonly retries: number
  readonly userAgent: string
}

// `satisfies` checks the object against the type but keeps its precise inferred type:
// defaults.concurrency is the literal 8 (thanks to `as const`), not just `number`.
export const defaults = {
  concurrency: 8,
  progressIntervalMs: 500,
  retries: 2,
  userAgent: 'roadmap-scraper/0.1',
} as const satisfies ScraperConfig

type Bounds = { readonly [K in keyof ScraperConfig as ScraperConfig[K] extends number ? K : never]: readonly [min: number, max: number] }
// A key-remapped mapped type: only the numeric keys of ScraperConfig, each with [min, max].
const bounds: Bounds = { concurrency: [1, 256], progressIntervalMs: [50, 10_000], retries: [0, 10] }

/** Merges overrides onto the defaults and checks every numeric option against its bounds. */
export function resolveConfig(overrides: Partial<ScraperConfig> = {}): Result<ScraperConfig, string[]> {
  const config: ScraperConfig = { ...defaults, ...overrides }
  const errors = (Object.keys(bounds) as (keyof Bounds)[]).flatMap((key) => {
    const [min, max] = bounds[key]
    const value = config[key]
    return Number.isInteger(value) && value >= min && value <= max ? [] : [`${key} must be an integer in [${min}, ${max}], got ${value}`]
  })
  return errors.length === 0 ? { ok: true, value: config } : { ok: false, error: errors }
}

/** An events map: event name -> tuple of listener arguments. */
export type EventMap = Record<string, readonly unknown[]>

/** `{ page: [url, bytes] }` becomes `{ onPage?: (url, bytes) => void }`: template literal + key remapping. */
export type Handlers<E extends EventMap> = {
  readonly [K in keyof E & string as `on${Capitalize<K>}`]?: (...args: E[K]) => void
}

export interface Emitter<E extends EventMap> {
  on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): () => void
  emit<K extends keyof E & string>(event: K, ...args: E[K]): void
}

/** A tiny typed emitter: `emit('page', 'x')` with a missing argument is a compile error. */
export function createEmitter<E extends EventMap>(): Emitter<E> {
  const listeners = new Map<keyof E, Set<(...args: E[keyof E]) => void>>()
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (...args: E[keyof E]) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (...args: E[keyof E]) => void)
    },
    emit(event, ...args) {
      for (const listener of listeners.get(event) ?? []) listener(...args)
    },
  }
}

/**
 * Subscribes every `onX` handler to event `x`. `NoInfer` (TypeScript 5.4) makes the compiler take `E`
 * from the emitter only, so the handlers are checked against it instead of widening it.
 */
export function attachHandlers<E extends EventMap>(emitter: Emitter<E>, handlers: NoInfer<Handlers<E>>): void {
  for (const [name, handler] of Object.entries(handlers) as [string, unknown][]) {
    if (typeof handler !== 'function') continue
    const event = (name.charAt(2).toLowerCase() + name.slice(3)) as keyof E & string
    emitter.on(event, handler as (...args: E[keyof E & string]) => void)
  }
}
