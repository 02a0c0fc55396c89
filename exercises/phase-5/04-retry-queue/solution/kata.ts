export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Full-jitter exponential backoff. `attempt` = failures so far (1 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  // Cap first, then jitter. For a large attempt, 2 ** attempt is Infinity; Math.min brings it back to
  // maxMs before we multiply, so random() === 0 gives 0 instead of Infinity * 0 = NaN.
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
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

interface Job<T> extends JobState {
  payload: T;
  seq: number; // insertion order, breaks runAt ties deterministically
}

export class RetryQueue<T> {
  readonly #options: QueueOptions<T>;
  readonly #pending = new Map<string, Job<T>>();
  readonly #failed: JobState[] = [];
  readonly #completed: string[] = [];
  #seq = 0;

  constructor(options: QueueOptions<T>) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
      throw new RangeError('maxAttempts must be an integer >= 1');
    }
    this.#options = options;
  }

  add(id: string, payload: T): void {
    if (this.#pending.has(id)) return; // idempotent enqueue: the id is the deduplication key
    this.#pending.set(id, { id, payload, attempts: 0, runAt: this.#options.now(), seq: this.#seq++ });
  }

  async runDue(): Promise<number> {
    const now = this.#options.now();
    // Snapshot the due jobs before running anything: a job rescheduled during this run (even with a
    // 0 ms delay) waits for the next call instead of spinning in a tight retry loop.
    const due = [...this.#pending.values()]
      .filter((job) => job.runAt <= now)
      .sort((a, b) => a.runAt - b.runAt || a.seq - b.seq);

    for (const job of due) {
      job.attempts++;
      try {
        await this.#options.handler(job.payload, job.attempts);
        this.#pending.delete(job.id);
        this.#completed.push(job.id);
      } catch (error) {
        // One job's failure is recorded and isolated; the loop continues with the next job.
        job.lastError = error instanceof Error ? error.message : String(error);
        if (job.attempts >= this.#options.maxAttempts) {
          this.#pending.delete(job.id);
          this.#failed.push(toState(job));
        } else {
          job.runAt = this.#options.now() + backoffDelay(job.attempts, this.#options.backoff, this.#options.random);
        }
      }
    }
    return due.length;
  }

  pending(): JobState[] {
    return [...this.#pending.values()].sort((a, b) => a.runAt - b.runAt || a.seq - b.seq).map(toState);
  }

  failed(): JobState[] {
    return this.#failed.map((job) => ({ ...job }));
  }

  completed(): string[] {
    return [...this.#completed];
  }
}

function toState(job: JobState): JobState {
  const state: JobState = { id: job.id, attempts: job.attempts, runAt: job.runAt };
  if (job.lastError !== undefined) state.lastError = job.lastError;
  return state;
}
