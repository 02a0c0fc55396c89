/** Events whose payload is `void` take no payload argument; the others take exactly one. */
export type PayloadArgs<P> = [P] extends [void] ? [] : [payload: P];

export type Listener<P> = (...args: PayloadArgs<P>) => void;

export interface TypedEmitter<Events extends Record<string, unknown>> {
  /** Registers `listener`; returns a function that unregisters it (safe to call twice). */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  /** Registers `listener` to run at most once. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  /** Removes `listener`, also when it was registered with `once`. */
  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void;
  /** Calls the listeners in registration order; returns how many were called. */
  emit<K extends keyof Events>(event: K, ...args: PayloadArgs<Events[K]>): number;
  listenerCount(event: keyof Events): number;
}

export function createEmitter<Events extends Record<string, unknown>>(): TypedEmitter<Events> {
  throw new Error('TODO: implement createEmitter');
}
