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
  constructor(options: BreakerOptions) {
    void options;
  }

  get state(): BreakerState {
    throw new Error('TODO: state');
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    return fn(); // TODO: closed / open / half-open
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
  // Naive: retries everything, sleeps even after the last attempt.
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    try {
      return await fn();
    } catch (error) {
      lastError = error;
      await options.sleep(options.delayMs(attempt));
    }
  }
  throw lastError;
}
