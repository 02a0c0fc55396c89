export interface TokenBucketOptions {
  /** Maximum tokens (the burst size); the bucket starts full. */
  capacity: number;
  /** Tokens added per second, continuously. */
  refillPerSecond: number;
  /** Clock in milliseconds. */
  now: () => number;
}

export class TokenBucket {
  constructor(options: TokenBucketOptions) {
    void options;
    throw new Error('TODO: validate options and start with a full bucket');
  }

  /** Removes `count` tokens if all are available; otherwise removes nothing and returns false. */
  tryRemove(count = 1): boolean {
    throw new Error(`TODO: tryRemove(${count})`);
  }

  /** Tokens currently available (after refilling), possibly fractional. */
  available(): number {
    throw new Error('TODO: available');
  }

  /** Milliseconds until `count` tokens are available (rounded up); 0 if already; Infinity if never. */
  msUntil(count = 1): number {
    throw new Error(`TODO: msUntil(${count})`);
  }
}
