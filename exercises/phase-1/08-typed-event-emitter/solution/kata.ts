/** Events whose payload is `void` take no payload argument; the others take exactly one. */
// [P] extends [void] (not P extends void) stops the conditional from distributing over unions.
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

/** What is stored: the function to call, and the listener the caller knows (differs for once()). */
interface Registration {
  call: (...args: unknown[]) => void;
  original: unknown;
}

export function createEmitter<Events extends Record<string, unknown>>(): TypedEmitter<Events> {
  // The generics exist only at compile time; at run time this is an untyped registry.
  const registry = new Map<keyof Events, Registration[]>();

  const add = (event: keyof Events, registration: Registration): (() => void) => {
    registry.set(event, [...(registry.get(event) ?? []), registration]);
    return () => remove(event, registration);
  };

  // Replace the array instead of splicing it, so an emit already iterating its snapshot is unaffected.
  const remove = (event: keyof Events, registration: Registration): void => {
    const current = registry.get(event) ?? [];
    registry.set(
      event,
      current.filter((r) => r !== registration),
    );
  };

  return {
    on(event, listener) {
      return add(event, { call: listener as (...args: unknown[]) => void, original: listener });
    },

    once(event, listener) {
      const registration: Registration = {
        call: (...args) => {
          remove(event, registration); // before calling: a re-entrant emit must not find it again
          (listener as (...a: unknown[]) => void)(...args);
        },
        original: listener, // lets off(event, listener) find the wrapper
      };
      return add(event, registration);
    },

    off(event, listener) {
      const found = (registry.get(event) ?? []).find((r) => r.original === listener);
      if (found) remove(event, found);
    },

    emit(event, ...args) {
      // Snapshot: listeners added or removed by a listener take effect from the next emit.
      const snapshot = registry.get(event) ?? [];
      const errors: unknown[] = [];
      for (const registration of snapshot) {
        try {
          registration.call(...args);
        } catch (error) {
          errors.push(error); // one broken listener must not silence the others
        }
      }
      if (errors.length > 0) {
        throw new AggregateError(errors, `${errors.length} listener(s) failed for "${String(event)}"`);
      }
      return snapshot.length;
    },

    listenerCount(event) {
      return registry.get(event)?.length ?? 0;
    },
  };
}
