import type { Cleanup, Lifecycle } from '../../system/lifecycle.js';
import type { Scope } from '../frame.js';

/**
 * Cleanups of one verify (its fixtures) or one check run (its targets, databases, temp folders), registered with
 * the lifecycle too: `close()` runs them newest first at the scope's end, and Ctrl-C, SIGTERM or a crash run
 * them through the lifecycle when the scope never gets there.
 */
export class CleanupScope implements Scope {
  private readonly deferred: { release(): Promise<void> }[] = [];

  constructor(private readonly lifecycle: Lifecycle) {}

  defer(cleanup: Cleanup, label: string): void {
    this.deferred.push(this.lifecycle.defer(cleanup, label));
  }

  /** Runs every cleanup, newest first; one failing never skips the rest. */
  async close(): Promise<void> {
    while (this.deferred.length > 0) {
      await this.deferred.pop()!.release().catch(() => undefined);
    }
  }
}
