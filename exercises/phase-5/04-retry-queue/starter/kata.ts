export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Full-jitter exponential backoff. `attempt` = failures so far (1 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  // Naive: exponential with jitter added on top, no cap.
  return options.baseMs * 2 ** attempt + random() * options.baseMs;
}

export interface QueueOptions<T> {
  handler: (payload: T, attempt: number) => Promise<void>;
  /** Total tries, including the first one. */
  maxAttempts: number;
  backoff: BackoffOptions;
  now: () => number;
  random: () => number;
}

export interface JobState {
  id: string;
  attempts: number;
  runAt: number;
  lastError?: string;
}

export class RetryQueue<T> {
  constructor(options: QueueOptions<T>) {
    void options;
  }

  add(id: string, payload: T): void {
    throw new Error(`TODO: add ${id} ${String(payload)}`);
  }

  async runDue(): Promise<number> {
    throw new Error('TODO: runDue');
  }

  pending(): JobState[] {
    throw new Error('TODO: pending');
  }

  failed(): JobState[] {
    throw new Error('TODO: failed');
  }

  completed(): string[] {
    throw new Error('TODO: completed');
  }
}
