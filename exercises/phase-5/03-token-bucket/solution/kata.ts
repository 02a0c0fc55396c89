export interface TokenBucketOptions {
  /** Maximum tokens (the burst size); the bucket starts full. */
  capacity: number;
  /** Tokens added per second, continuously. */
  refillPerSecond: number;
  /** Clock in milliseconds. */
  now: () => number;
}

export class TokenBucket {
  readonly #capacity: number;
  readonly #ratePerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #lastRefill: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity > 0)) throw new RangeError('capacity must be > 0');
    if (!(options.refillPerSecond > 0)) throw new RangeError('refillPerSecond must be > 0');
    this.#capacity = options.capacity;
    this.#ratePerMs = options.refillPerSecond / 1000;
    this.#now = options.now;
    this.#tokens = options.capacity; // start full: the first burst is allowed
    this.#lastRefill = this.#now();
  }

  // Lazy refill: no timers, just arithmetic on elapsed time. Tokens stay fractional so that
  // many small intervals add up exactly like one large interval.
  #refill(): void {
    const now = this.#now();
    const elapsed = now - this.#lastRefill;
    if (elapsed <= 0) return; // clock went backwards (or no time passed): add nothing, keep the high-water mark
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#ratePerMs);
    this.#lastRefill = now;
  }

  tryRemove(count = 1): boolean {
    if (!Number.isFinite(count) || count <= 0) throw new RangeError(`count must be > 0, got ${count}`);
    this.#refill();
    if (this.#tokens < count) return false; // all or nothing
    this.#tokens -= count;
    return true;
  }

  available(): number {
    this.#refill();
    return this.#tokens;
  }

  msUntil(count = 1): number {
    if (!Number.isFinite(count) || count <= 0) throw new RangeError(`count must be > 0, got ${count}`);
    if (count > this.#capacity) return Infinity; // the bucket can never hold that many
    this.#refill();
    const missing = count - this.#tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.#ratePerMs);
  }
}
