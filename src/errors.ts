/**
 * Errors a person can act on. Each carries a kind that src/cli/exit-codes.ts maps to the documented exit
 * code; the CLI prints the message as one line, without a stack (ROADMAP_DEBUG=1 shows it).
 */
export type ErrorKind = 'user' | 'usage' | 'check-failed' | 'cancelled';

export class RoadmapError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind = 'user',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RoadmapError';
  }
}

/** The command line asked for something that does not exist or is malformed (exit 2). */
export class UsageError extends RoadmapError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'usage', options);
    this.name = 'UsageError';
  }
}

/** A check ran and found problems (verify, kata check, doctor): exit 3. */
export class CheckFailedError extends RoadmapError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'check-failed', options);
    this.name = 'CheckFailedError';
  }
}
