/**
 * Per-host politeness: request starts to one host are spaced at least `intervalMs` apart, whatever the
 * concurrency, and none starts while the host has asked for a pause (a `Retry-After`). Slots are reserved
 * synchronously, so concurrent callers queue up in order instead of racing.
 */
export class HostRateLimiter {
  readonly #next = new Map<string, number>();
  readonly #pausedUntil = new Map<string, number>();

  constructor(
    private readonly intervalMsFor: (host: string) => number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Resolves when a request to `host` may start. */
  async wait(host: string): Promise<void> {
    const interval = this.intervalMsFor(host);
    const now = this.now();
    const paused = this.#pausedUntil.get(host) ?? 0;
    if (paused <= now) this.#pausedUntil.delete(host);
    if (interval <= 0 && paused <= now) return;
    const slot = Math.max(now, paused, this.#next.get(host) ?? now);
    if (interval > 0) this.#next.set(host, slot + interval);
    if (slot > now) await this.sleep(slot - now);
  }

  /**
   * Holds every request to `host` for `ms` from now: the host said so (429/503 with `Retry-After`), and it
   * means the host, not just the one URL that got the answer. A shorter pause never shortens a longer one.
   */
  pause(host: string, ms: number): void {
    const until = this.now() + ms;
    if (until > (this.#pausedUntil.get(host) ?? 0)) this.#pausedUntil.set(host, until);
  }
}
