export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitOpenError extends Error {
  constructor(message = 'circuit is open') {
    super(message);
    this.name = 'CircuitOpenError';
  }
}

export interface BreakerOptions {
  failureThreshold: number;
  resetTimeoutMs: number;
  now: () => number;
}

export class CircuitBreaker {
  readonly #options: BreakerOptions;
  #consecutiveFailures = 0;
  #openedAt: number | undefined; // undefined = closed
  #trialInFlight = false;

  constructor(options: BreakerOptions) {
    this.#options = options;
  }

  // Derived from the clock rather than flipped by a timer: no setTimeout to leak or to fake in tests.
  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';
    return this.#options.now() - this.#openedAt >= this.#options.resetTimeoutMs ? 'half-open' : 'open';
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open') throw new CircuitOpenError();
    if (state === 'half-open') {
      // Exactly one probe: everyone else keeps failing fast until it reports back.
      if (this.#trialInFlight) throw new CircuitOpenError('circuit is half-open; trial in progress');
      this.#trialInFlight = true;
      try {
        const result = await fn();
        this.#close();
        return result;
      } catch (error) {
        this.#open(); // a fresh timer: wait a full resetTimeoutMs before the next probe
        throw error;
      } finally {
        this.#trialInFlight = false;
      }
    }

    try {
      const result = await fn();
      this.#consecutiveFailures = 0; // consecutive, so any success resets
      return result;
    } catch (error) {
      this.#consecutiveFailures++;
      if (this.#consecutiveFailures >= this.#options.failureThreshold) this.#open();
      throw error;
    }
  }

  #open(): void {
    this.#openedAt = this.#options.now();
  }

  #close(): void {
    this.#openedAt = undefined;
    this.#consecutiveFailures = 0;
  }
}

export interface RetryOptions {
  /** Total tries, including the first. */
  maxAttempts: number;
  /** Delay after failed attempt n (1-based). */
  delayMs: (attempt: number) => number;
  sleep: (ms: number) => Promise<void>;
  isRetryable?: (error: unknown) => boolean;
}

export async function retry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const isRetryable = options.isRetryable ?? (() => true);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      // An open breaker is a deliberate "not now": retrying it just burns attempts and time.
      const giveUp = error instanceof CircuitOpenError || !isRetryable(error) || attempt >= options.maxAttempts;
      if (giveUp) throw error;
      await options.sleep(options.delayMs(attempt)); // only *between* attempts
    }
  }
}
