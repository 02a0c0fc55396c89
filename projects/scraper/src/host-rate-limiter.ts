/**
 * Per-host politeness: request starts to one host are spaced at least `intervalMs` apart, whatever the
 * concurrency. Slots are reserved synchronously, so concurrent callers queue up in order instead of racing.
 */
export class HostRateLimiter {
  readonly #next = new Map<string, number>();

  constructor(
    private readonly intervalMsFor: (host: string) => number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Resolves when a request to `host` may start. */
  async wait(host: string): Promise<void> {
    const interval = this.intervalMsFor(host);
    if (interval <= 0) return;
    const now = this.now();
    const slot = Math.max(now, this.#next.get(host) ?? now);
    this.#next.set(host, slot + interval);
    if (slot > now) await this.sleep(slot - now);
  }
}
